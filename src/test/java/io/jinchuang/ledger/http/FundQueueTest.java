package io.jinchuang.ledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FundQueueTest {

    @Test
    void oneFundRunsOneAtATimeAndOtherFundsDoNotWaitForIt() throws Exception {
        FundQueue queue = new FundQueue(5_000);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                runs.add(pool.submit(() -> queue.inTurn("FUND-A", () -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    pause(); // long enough for the others to try to get in
                    inside.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            assertEquals(1, mostInside.get(), "two postings to one fund ran at once");

            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> queue.inTurn("FUND-A", () -> {
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();
            for (int i = 0; i < 2_000; i++) { // any other fund, whatever its code's hash
                assertEquals("ran", queue.inTurn("FUND-" + i, () -> "ran"), "a fund waited for another fund's turn");
            }
            assertEquals("ran", queue.inTurn(null, () -> "ran"), "a request naming no fund waited");
            release.countDown();
            holder.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTurnNotComeWithinTheWaitIsBusyAndRunsNothing() throws Exception {
        FundQueue queue = new FundQueue(50);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> queue.inTurn("FUND-A", () -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.start();
        holding.await();
        AtomicInteger ran = new AtomicInteger();
        long started = System.nanoTime();
        FundQueue.Busy busy = assertThrows(FundQueue.Busy.class, () -> queue.inTurn("FUND-A", ran::incrementAndGet));
        assertTrue(System.nanoTime() - started >= 50_000_000L, "gave up before the wait was over");
        assertTrue(busy.getMessage().contains("FUND-A"), busy.getMessage());
        assertEquals(0, ran.get());
        release.countDown();
        holder.join();
        assertEquals(1, queue.inTurn("FUND-A", ran::incrementAndGet), "the turn was not given back");
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
