-- A complete run's report, stored deflated. The report is JSON whose keys and labels repeat
-- on every row: a million-line ledger's report is 87 MB as text and 9 MB deflated, and as
-- text it went through the transaction log and H2's file whole at the end of every run.
-- Its text is the concatenation, in (section, chunk_no) order, of each chunk's data inflated
-- (zlib, RFC 1950, with its checksum): section 0 the head's fields, section n the n-th fund's
-- part (in fund-code order, after a comma from the second fund on), the last section the
-- end. Each fund's section is stored as soon as the fund is done; the head and the end with
-- the run's completion, so only a COMPLETE run has a whole report.
-- Runs stored before this migration keep their text in reconciliation_report_part.
CREATE TABLE reconciliation_report_chunk (
    run_id          VARCHAR(36)   NOT NULL REFERENCES reconciliation_run (id),
    section         INT           NOT NULL,
    chunk_no        INT           NOT NULL,
    data            BYTEA         NOT NULL,
    PRIMARY KEY (run_id, section, chunk_no),
    CONSTRAINT report_chunk_no_ck CHECK (section >= 0 AND chunk_no >= 0)
);
