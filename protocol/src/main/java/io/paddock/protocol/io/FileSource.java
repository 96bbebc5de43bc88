package io.paddock.protocol.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link ByteSource} over a file, read with positional {@link FileChannel} reads. The only
 * class of this package that touches {@code java.nio.file}; close it when done. I/O failures
 * surface as {@link UncheckedIOException}.
 */
public final class FileSource implements ByteSource, AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private FileSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} for reading; its size is fixed at this moment. */
    public static FileSource open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileSource(path, channel, channel.size());
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long position, byte[] dst, int offset, int length) {
        if (position < 0 || length < 0 || position > size - length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + position
                    + " outside " + path + " (" + size + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
        long pos = position;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, pos);
                if (n < 0) {
                    throw new EOFException(path + " ended at " + pos + " (was " + size + " bytes when opened)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
