package io.paddock.coordinator.results;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The durable record of results: one JSON line per answer the scheduler accepted in
 * {@code <dir>/<generation>/results.jsonl}, forced to disk before the append's future
 * completes (and so before the answer is acknowledged). A batch that fails halfway is cut back
 * off the file. Appends are group-committed by one
 * writer thread: whatever queued while the previous batch was being forced goes out in the
 * next batch with a single force per file, so throughput does not pay one sync per result.
 */
public final class ResultLog implements AutoCloseable {
    private static final Entry STOP = new Entry(null, null, null, null);
    private static final int MAX_BATCH = 8192;

    private record Entry(String generationId, String line, Promise<Void> promise, Context context) {
    }

    private final Path dir;
    private final boolean force;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Map<String, FileChannel> open = new HashMap<>();
    /** Where a file must be cut back to when reopened: a failed batch whose undo failed too. */
    private final Map<String, Long> cutOnReopen = new HashMap<>();

    /**
     * @param dir   where generation folders live
     * @param force whether to force each batch to the storage device (false only for benchmarks of the scheduler)
     */
    public ResultLog(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
        this.writer = new Thread(this::run, "paddock-result-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Appends a line; the future completes on {@code context} once the line is on disk. */
    public Future<Void> append(Context context, String generationId, String line) {
        Promise<Void> promise = Promise.promise();
        queue.add(new Entry(generationId, line, promise, context));
        return promise.future();
    }

    /** The log file of a generation. */
    public Path file(String generationId) {
        return dir.resolve(generationId).resolve("results.jsonl");
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        while (true) {
            try {
                Entry first = queue.take();
                if (first == STOP) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH);
                boolean stop = batch.remove(STOP);
                write(batch);
                batch.clear();
                if (stop) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (FileChannel c : open.values()) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing at shutdown
            }
        }
    }

    private void write(List<Entry> batch) {
        Map<String, List<Entry>> byGeneration = new HashMap<>();
        for (Entry e : batch) {
            byGeneration.computeIfAbsent(e.generationId(), g -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<Entry>> g : byGeneration.entrySet()) {
            Throwable failure = null;
            FileChannel channel = null;
            long before = -1;
            try {
                channel = channel(g.getKey());
                before = channel.size();
                StringBuilder sb = new StringBuilder();
                for (Entry e : g.getValue()) {
                    sb.append(e.line()).append('\n');
                }
                ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (force) {
                    channel.force(false);
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
                if (channel != null && before >= 0) {
                    undo(g.getKey(), channel, before);
                }
            }
            complete(g.getValue(), failure);
        }
    }

    /**
     * Cuts a failed batch (a write or force that failed halfway, e.g. a full disk) back off the
     * file, so the next batch does not continue a partial line. When even that fails, the file is
     * closed, and the next batch reopens it and cuts it back first.
     */
    private void undo(String generationId, FileChannel channel, long size) {
        try {
            if (channel.size() > size) {
                channel.truncate(size);
                if (force) {
                    channel.force(false);
                }
            }
        } catch (IOException | RuntimeException e) {
            open.remove(generationId);
            cutOnReopen.put(generationId, size);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Completes a batch's appends with one task per Vert.x context, not one per line. */
    private static void complete(List<Entry> entries, Throwable failure) {
        Map<Context, List<Promise<Void>>> byContext = new HashMap<>();
        for (Entry e : entries) {
            byContext.computeIfAbsent(e.context(), c -> new ArrayList<>()).add(e.promise());
        }
        for (Map.Entry<Context, List<Promise<Void>>> c : byContext.entrySet()) {
            c.getKey().runOnContext(v -> {
                for (Promise<Void> p : c.getValue()) {
                    if (failure == null) {
                        p.complete();
                    } else {
                        p.fail(failure);
                    }
                }
            });
        }
    }

    private FileChannel channel(String generationId) throws IOException {
        FileChannel c = open.get(generationId);
        if (c == null) {
            Path file = file(generationId);
            Files.createDirectories(file.getParent());
            c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            Long cut = cutOnReopen.get(generationId);
            if (cut != null) {
                try {
                    if (c.size() > cut) {
                        c.truncate(cut);                  // the failed batch's bytes, left by a failed undo
                        if (force) {
                            c.force(false);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
                cutOnReopen.remove(generationId);
            }
            open.put(generationId, c);
        }
        return c;
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
