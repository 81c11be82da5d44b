package io.jinchuang.ledger.imports;

import io.jinchuang.ledger.Rejection;
import java.util.List;

/**
 * An import file as read: the postings its valid rows make, every problem found in its rows
 * (each with its line), and the funds its rows name, for the authorization check.
 */
public record ImportFile(int rows, List<Posting> postings, List<Rejection.FieldError> errors, List<FundNamed> funds) {

    /**
     * A fund a row names as written (before its cells are checked): opened by a FUND row
     * (with the manager it names), or posted to.
     */
    public record FundNamed(int line, String fund, boolean opened, String manager) {}
}
