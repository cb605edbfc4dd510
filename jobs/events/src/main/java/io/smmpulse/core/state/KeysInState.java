package io.smmpulse.core.state;

import java.util.List;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * The keys a keyed operator has in one of its states, visited as its current key: how an operator
 * that lists its due releases in memory rebuilds that list from keyed state on restore.
 */
public final class KeysInState {
    private KeysInState() {}

    /** Work on the operator's current key. */
    @FunctionalInterface
    public interface PerKey {
        void run() throws Exception;
    }

    /** Makes each key with an entry in the state named {@code stateName} the current key in turn, and runs {@code perKey}. */
    public static void forEach(AbstractStreamOperator<?> operator, String stateName, PerKey perKey) throws Exception {
        // listed first: the backend's key stream reads the live state map
        List<Object> keys = operator.getKeyedStateBackend()
                .getKeys(stateName, VoidNamespace.INSTANCE)
                .map(Object.class::cast)
                .toList();
        for (Object key : keys) {
            operator.setCurrentKey(key);
            perKey.run();
        }
    }
}
