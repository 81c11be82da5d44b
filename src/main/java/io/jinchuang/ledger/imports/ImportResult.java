package io.jinchuang.ledger.imports;

import java.util.List;

/** What an import posted: counts, and the new head of every fund whose chain grew. */
public record ImportResult(int rows, int postings, long entries, long lines, List<FundHead> funds) {
    public record FundHead(String fund, long entries, long headSeq, String headHash) {}
}
