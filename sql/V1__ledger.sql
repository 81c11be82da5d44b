-- The ledger's schema. Plain SQL that runs unchanged on H2 (embedded default) and
-- PostgreSQL (production). The journal is the truth; every other money figure is
-- derived from it. Constraints here back the invariants the code also checks.

CREATE TABLE fund (
    code            VARCHAR(32)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    name_zh         VARCHAR(200),
    kind            VARCHAR(16)   NOT NULL,
    manager         VARCHAR(200)  NOT NULL,
    vintage         DATE          NOT NULL,
    tolerance_rate  NUMERIC(5,4),
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the head of the fund's hash chain; every posting to the fund locks this row
    head_seq        BIGINT        NOT NULL,
    head_hash       VARCHAR(64)   NOT NULL,
    CONSTRAINT fund_kind_ck   CHECK (kind IN ('GUIDANCE', 'SEED', 'ANGEL', 'VENTURE', 'INDUSTRY')),
    CONSTRAINT fund_status_ck CHECK (status IN ('ACTIVE', 'LIQUIDATED')),
    CONSTRAINT fund_rate_ck   CHECK (tolerance_rate IS NULL OR (tolerance_rate >= 0 AND tolerance_rate <= 1)),
    CONSTRAINT fund_head_ck   CHECK (head_seq >= 0)
);

CREATE TABLE partner (
    fund_code       VARCHAR(32)   NOT NULL REFERENCES fund (code),
    partner_code    VARCHAR(32)   NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    role            VARCHAR(16)   NOT NULL,
    committed       NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, partner_code),
    CONSTRAINT partner_role_ck      CHECK (role IN ('GUIDANCE', 'GP', 'LP')),
    CONSTRAINT partner_committed_ck CHECK (committed > 0)
);

CREATE TABLE company (
    credit_code     VARCHAR(18)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    sector          VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT company_code_ck CHECK (CHAR_LENGTH(credit_code) = 18)
);

-- One row per journal entry. Never updated, never deleted.
CREATE TABLE journal_entry (
    fund_code       VARCHAR(32)   NOT NULL REFERENCES fund (code),
    seq             BIGINT        NOT NULL,
    entry_date      DATE          NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    type            VARCHAR(32)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    idempotency_key VARCHAR(200),
    reference       VARCHAR(100),
    reverses_seq    BIGINT,
    -- the counterpart entry in another fund's chain (a guidance fund's side of a sub-fund's call)
    link_fund       VARCHAR(32),
    link_seq        BIGINT,
    -- the event's business fields as canonical JSON; part of what the hash covers
    payload         VARCHAR(20000) NOT NULL,
    prev_hash       VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL,
    PRIMARY KEY (fund_code, seq),
    CONSTRAINT entry_seq_ck CHECK (seq >= 1),
    CONSTRAINT entry_reverses_ck CHECK (reverses_seq IS NULL OR reverses_seq < seq)
);
-- an entry is reversed at most once
CREATE UNIQUE INDEX journal_entry_reverses_ux ON journal_entry (fund_code, reverses_seq);
CREATE INDEX journal_entry_date_ix ON journal_entry (fund_code, entry_date);

CREATE TABLE journal_line (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    line_no         INT           NOT NULL,
    account         VARCHAR(120)  NOT NULL,
    debit           NUMERIC(19,2) NOT NULL,
    credit          NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, seq, line_no),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    CONSTRAINT line_side_ck CHECK (debit >= 0 AND credit >= 0 AND (debit = 0 OR credit = 0) AND debit + credit > 0)
);
CREATE INDEX journal_line_account_ix ON journal_line (fund_code, account);

-- Balances kept for fast reads; the year-end batch recomputes them from the lines.
CREATE TABLE account_balance (
    fund_code       VARCHAR(32)   NOT NULL REFERENCES fund (code),
    account         VARCHAR(120)  NOT NULL,
    balance         NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, account)
);

-- Typed facts of the deals, one row per journal entry that carries them, so that
-- positions, tolerance and reports are queries. Each row names its entry (fund, seq).
CREATE TABLE contribution (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    partner_code    VARCHAR(32)   NOT NULL,
    entry_date      DATE          NOT NULL,
    amount          NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, seq, partner_code),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    FOREIGN KEY (fund_code, partner_code) REFERENCES partner (fund_code, partner_code),
    CONSTRAINT contribution_amount_ck CHECK (amount > 0)
);

CREATE TABLE distribution_share (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    partner_code    VARCHAR(32)   NOT NULL,
    entry_date      DATE          NOT NULL,
    amount          NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, seq, partner_code),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    FOREIGN KEY (fund_code, partner_code) REFERENCES partner (fund_code, partner_code)
    -- no sign check: at a liquidation a guidance fund's share is negative when it pays back (回拨)
);

CREATE TABLE investment (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    holding         VARCHAR(32)   NOT NULL,
    holding_kind    VARCHAR(8)    NOT NULL,
    entry_date      DATE          NOT NULL,
    amount          NUMERIC(19,2) NOT NULL,
    round           VARCHAR(50),
    due_diligence_ref VARCHAR(200),
    decision_ref    VARCHAR(200),
    decision_date   DATE,
    conflict_of_interest BOOLEAN  NOT NULL,
    PRIMARY KEY (fund_code, seq),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    CONSTRAINT investment_amount_ck CHECK (amount > 0),
    CONSTRAINT investment_kind_ck CHECK (holding_kind IN ('COMPANY', 'FUND'))
);
CREATE INDEX investment_holding_ix ON investment (fund_code, holding, entry_date);

CREATE TABLE exit_event (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    holding         VARCHAR(32)   NOT NULL,
    entry_date      DATE          NOT NULL,
    type            VARCHAR(16)   NOT NULL,
    proceeds        NUMERIC(19,2) NOT NULL,
    cost_released   NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, seq),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    CONSTRAINT exit_type_ck CHECK (type IN ('IPO', 'MERGER', 'SHARE_TRANSFER', 'BUYBACK', 'LIQUIDATION', 'WRITE_OFF')),
    CONSTRAINT exit_amounts_ck CHECK (proceeds >= 0 AND cost_released >= 0)
);
CREATE INDEX exit_holding_ix ON exit_event (fund_code, holding, entry_date);

CREATE TABLE valuation (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    holding         VARCHAR(32)   NOT NULL,
    entry_date      DATE          NOT NULL,
    fair_value      NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (fund_code, seq),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq),
    CONSTRAINT valuation_value_ck CHECK (fair_value >= 0)
);
CREATE INDEX valuation_holding_ix ON valuation (fund_code, holding);

CREATE TABLE monitoring_report (
    fund_code       VARCHAR(32)   NOT NULL,
    seq             BIGINT        NOT NULL,
    holding         VARCHAR(32)   NOT NULL,
    entry_date      DATE          NOT NULL,
    report_ref      VARCHAR(200)  NOT NULL,
    PRIMARY KEY (fund_code, seq),
    FOREIGN KEY (fund_code, seq) REFERENCES journal_entry (fund_code, seq)
);
CREATE INDEX monitoring_holding_ix ON monitoring_report (fund_code, holding);

-- A POST with an Idempotency-Key: the first answer, replayed to every retry.
CREATE TABLE idempotency_record (
    actor           VARCHAR(100)  NOT NULL,
    idem_key        VARCHAR(200)  NOT NULL,
    request_hash    VARCHAR(64)   NOT NULL,
    status          INT           NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (actor, idem_key)
);

CREATE TABLE api_token (
    token_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    role            VARCHAR(16)   NOT NULL,
    manager         VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT token_role_ck CHECK (role IN ('ADMIN', 'MANAGER', 'COMPLIANCE', 'AUDITOR')),
    CONSTRAINT token_manager_ck CHECK ((role = 'MANAGER') = (manager IS NOT NULL))
);
CREATE UNIQUE INDEX api_token_name_ux ON api_token (name);
