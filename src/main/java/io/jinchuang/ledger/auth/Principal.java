package io.jinchuang.ledger.auth;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;

/** Who is calling: the token's name (the journal's actor), role and, for a manager, whose funds. */
public record Principal(String name, Role role, String manager) {

    /** Managers read only the funds they manage; every other role reads everything. */
    public boolean canRead(FundRecord fund) {
        return role != Role.MANAGER || fund.getManager().equals(manager);
    }

    public boolean canPost(FundRecord fund) {
        return role == Role.ADMIN || (role == Role.MANAGER && fund.getManager().equals(manager));
    }

    public void requireRead(FundRecord fund) {
        if (!canRead(fund)) {
            throw Rejection.forbidden("fund " + fund.getCode() + " is managed by another manager");
        }
    }

    public void requirePost(FundRecord fund) {
        if (!canPost(fund)) {
            throw Rejection.forbidden(role == Role.MANAGER
                    ? "fund " + fund.getCode() + " is managed by another manager"
                    : "the " + role + " role cannot post to fund " + fund.getCode());
        }
    }
}
