package io.jinchuang.ledger.journal;

/**
 * The chart of accounts of every fund (SPEC §8: exported as {@code <fundCode>:<account>}).
 * Balances are signed debit-positive, so equity and income show negative.
 */
public final class Accounts {
    public static final String CASH = "Assets:Cash";
    public static final String REALIZED_GAINS = "Income:RealizedGains";
    /** Fees and liabilities paid out of the cash at a liquidation (cash before − net proceeds). */
    public static final String LIQUIDATION_COSTS = "Expenses:LiquidationCosts";

    private Accounts() {}

    /** Cost of the fund's investment in a company. */
    public static String investment(String creditCode) {
        return "Assets:Investments:" + creditCode;
    }

    /** A guidance fund's paid-in stake in a sub-fund, at cost. */
    public static String fundInvestment(String subFundCode) {
        return "Assets:FundInvestments:" + subFundCode;
    }

    /**
     * Cash a guidance fund has received back from a sub-fund before its liquidation:
     * held against the stake (not income) until the liquidation realises the result.
     */
    public static String fundReturned(String subFundCode) {
        return "Assets:FundInvestments:" + subFundCode + ":Returned";
    }

    public static String paidIn(String partnerCode) {
        return "Equity:PaidIn:" + partnerCode;
    }

    public static String distributions(String partnerCode) {
        return "Equity:Distributions:" + partnerCode;
    }
}
