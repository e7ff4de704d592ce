package io.sparkoperator.hardening;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * One bad manifest: an example changed by {@code mutation}, what the CRD schema does with it, and what the
 * operator must make of it when no CRD (or an old one) let it through.
 *
 * @param crdRefusal a fragment of the API server's refusal (schema or CEL rule), {@link #CRD_STORES} when a server
 *                   with the CRDs would store it
 */
record BadInput(String name, String example, Consumer<ObjectNode> mutation, String crdRefusal, Outcome operator) {
    static final String CRD_STORES = "";

    /** What the operator makes of the manifest. */
    sealed interface Outcome {
    }

    /** The model cannot read it (wrong type): the error names the field. */
    record Unreadable(String fragment) implements Outcome {
    }

    /** Refused before spark-submit runs, with this fragment in status.applicationState.errorMessage / the reason. */
    record Rejected(String fragment) implements Outcome {
    }

    /** Submitted, and what spark-submit parses is still what the operator decided (master, namespace, file...). */
    record Harmless() implements Outcome {
    }

    ObjectNode manifest() {
        ObjectNode m = Manifest.example(example);
        mutation.accept(m);
        return m;
    }

    boolean scheduled() {
        return example.equals(Manifest.SPARK_PI_SCHEDULED);
    }

    @Override
    public String toString() {
        return name;
    }
}
