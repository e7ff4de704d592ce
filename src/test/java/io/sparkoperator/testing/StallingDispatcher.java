package io.sparkoperator.testing;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The CRUD mock that holds the requests a test picks until the test lets them go (or a minute passes): a
 * spark-submit can so be caught at a known point, e.g. after its driver pod was created.
 */
public final class StallingDispatcher extends ApplyPatchCrudDispatcher {
    private volatile Predicate<RecordedRequest> stalled = request -> false;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(0);

    /** From now on, requests matching {@code which} wait for {@link #release()}. */
    public void stall(Predicate<RecordedRequest> which) {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        stalled = which;
    }

    /** Waits until a stalled request has arrived. */
    public boolean awaitStalled(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets stalled requests (now and later) through. */
    public void release() {
        stalled = request -> false;
        released.countDown();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (stalled.test(request)) {
            reached.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.dispatch(request);
    }

    /** A POST of a driver pod (before spark-submit has created anything lasting). */
    public static boolean podCreate(RecordedRequest request) {
        return "POST".equals(request.getMethod()) && request.getPath().contains("/pods");
    }

    /** spark-submit's apply of the driver's ConfigMaps and Services: the driver pod exists by then. */
    public static boolean applyAfterPod(RecordedRequest request) {
        return "PATCH".equals(request.getMethod()) && request.getPath().contains("/configmaps/");
    }
}
