-- Every as-of read asks, for each deal fact, whether its entry was reversed on or before the
-- date: NOT EXISTS (entry with this fund, reverses_seq = the fact's seq, entry_date <= asOf).
-- The unique index on (fund_code, reverses_seq) holds mostly NULLs, so H2's planner rated it
-- as unselective and walked journal_entry_date_ix instead: every entry of the fund dated up
-- to the as-of date, for every fact, i.e. quadratic. With 20,000 entries a positions or
-- tolerance query took 30-90 s; with this index H2 does one index probe per fact (~70 ms).
-- It covers all three columns of the lookup; on H2 the probe names it (journal/Live.java), as
-- H2 keeps no statistics that would lead its planner there on its own.
CREATE INDEX journal_entry_reversal_ix ON journal_entry (fund_code, reverses_seq, entry_date);
