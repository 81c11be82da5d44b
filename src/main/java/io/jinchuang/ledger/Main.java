package io.jinchuang.ledger;

public final class Main {
    public static void main(String[] args) {
    }
}
