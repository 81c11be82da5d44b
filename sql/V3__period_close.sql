-- Year-end reconciliation and period close (SPEC §7). Named V3 so that it cannot collide
-- with a V2 added on another branch; Flyway orders by version, gaps are fine.

-- A closed fiscal (calendar) year. Years close in order, so every year up to the largest
-- one here is closed: a posting dated on or before its 31 December is refused (409).
CREATE TABLE closed_period (
    fiscal_year     INT           NOT NULL PRIMARY KEY,
    closed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_by       VARCHAR(100)  NOT NULL,
    -- the reconciliation run that found the year clean and closed it
    run_id          VARCHAR(36)   NOT NULL,
    CONSTRAINT closed_period_year_ck CHECK (fiscal_year BETWEEN 1900 AND 9999)
);

-- One row, locked first by the closing transaction and by the opening of a fund (the one
-- posting that locks no existing fund row), so that neither can slip past the other.
CREATE TABLE period_lock (
    id              INT           NOT NULL PRIMARY KEY,
    CONSTRAINT period_lock_one_ck CHECK (id = 1)
);
INSERT INTO period_lock (id) VALUES (1);

-- A run of the year-end batch: RUNNING when it starts, COMPLETE (with its report) or
-- FAILED when it ends, each in its own transaction. A run killed mid-way stays RUNNING.
CREATE TABLE reconciliation_run (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    fiscal_year     INT           NOT NULL,
    close_requested BOOLEAN       NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    -- where it ran: the service, or the command line (host and process id)
    runner          VARCHAR(200)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    clean           BOOLEAN,
    closed          BOOLEAN,
    discrepancies   INT,
    error           VARCHAR(2000),
    CONSTRAINT run_status_ck CHECK (status IN ('RUNNING', 'COMPLETE', 'FAILED')),
    CONSTRAINT run_year_ck CHECK (fiscal_year BETWEEN 1900 AND 9999),
    CONSTRAINT run_finished_ck CHECK ((status = 'RUNNING') = (finished_at IS NULL))
);

-- A complete run's report (JSON), in parts: both databases cap one VARCHAR, a report of
-- many funds is larger than that, and neither shares a large-object type with the other.
CREATE TABLE reconciliation_report_part (
    run_id          VARCHAR(36)   NOT NULL REFERENCES reconciliation_run (id),
    part_no         INT           NOT NULL,
    content         VARCHAR(100000) NOT NULL,
    PRIMARY KEY (run_id, part_no)
);

-- The positions of a guidance fund add up what its sub-funds paid it: distribution shares
-- by partner. Without this index that is a scan of every share of every fund, and the
-- year-end batch reads the positions of every fund.
CREATE INDEX distribution_share_partner_ix ON distribution_share (partner_code, fund_code);
