package io.smmpulse.community;

import io.smmpulse.core.state.DueByMinute;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A keyed operator that keeps results and writes each changed one once per checkpoint: the keys
 * changed since the last checkpoint are listed in memory and their rows emitted just before the
 * checkpoint's barrier (and at the end of a bounded input), so they land in the checkpoint's sink
 * batch. A key that changes with every event costs one row per checkpoint, not one per event.
 * Parts of a key's state that can no longer change are released by the minute ({@link DueByMinute}).
 * Both lists are rebuilt from keyed state when the job is restored ({@link #restoreDue}).
 */
public abstract class ResultOperator<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput {
    private transient Set<Object> changed;
    private transient DueByMinute<Object> due;
    protected transient long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        changed = new LinkedHashSet<>();
        due = new DueByMinute<>();
        watermark = Long.MIN_VALUE;
        openState();
        restoreDue();
    }

    /** Creates the keyed state handles. */
    protected abstract void openState() throws Exception;

    /** Lists again, with {@link #releaseAt}, what the restored keyed state still has to release. */
    protected abstract void restoreDue() throws Exception;

    /** Emits the current key's result; operators that send changes as events arrive keep none. */
    protected void emit() throws Exception {}

    /** Releases what of the current key has fallen due at {@link #watermark}. */
    protected abstract void release() throws Exception;

    protected final void changed() {
        changed.add(getCurrentKey());
    }

    /** The current key is released at the first watermark at or past {@code instant}. */
    protected final void releaseAt(long instant) {
        due.add(getCurrentKey(), instant);
    }

    private void emitChanged() throws Exception {
        for (Object key : changed) {
            setCurrentKey(key);
            emit();
        }
        changed.clear();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitChanged();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        emitChanged();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        due.release(watermark, key -> {
            setCurrentKey(key);
            release();
        });
        super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
        emitChanged();
        super.finish();
    }
}
