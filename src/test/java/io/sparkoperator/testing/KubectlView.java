package io.sparkoperator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code kubectl get}, {@code get -o wide} and {@code describe} show of SparkApplications, rendered from the
 * CRD's own {@code additionalPrinterColumns} (the API server's table printing, which the mock does not do) and the
 * Events in the store. Simple JSONPaths only ({@code .a.b.c}), as the CRDs use.
 */
public final class KubectlView {
    private final List<CustomResourceColumnDefinition> columns;

    public KubectlView(Path crdFile) throws IOException {
        CustomResourceDefinition crd = ApiJson.parse(Files.readString(crdFile),
                CustomResourceDefinition.class);
        this.columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    }

    /** {@code kubectl get} ({@code wide}: also the priority-1 columns). */
    public String get(List<GenericKubernetesResource> objects, boolean wide, Instant now) {
        List<CustomResourceColumnDefinition> shown = columns.stream()
                .filter(c -> wide || c.getPriority() == null || c.getPriority() == 0).toList();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME"));
        shown.forEach(c -> header.add(c.getName().toUpperCase()));
        rows.add(header);
        for (GenericKubernetesResource object : objects) {
            JsonNode json = ApiJson.mapper().valueToTree(object);
            List<String> row = new ArrayList<>(List.of(object.getMetadata().getName()));
            for (CustomResourceColumnDefinition column : shown) {
                JsonNode value = json.at(column.getJsonPath().replace('.', '/'));
                String text = value.isMissingNode() || value.isNull() ? "" : value.asText();
                row.add("date".equals(column.getType()) && !text.isEmpty() ? age(Instant.parse(text), now) : text);
            }
            rows.add(row);
        }
        return table(rows, "   ");
    }

    /** The {@code Events:} part of {@code kubectl describe}, oldest first. */
    public static String describeEvents(KubernetesClient client, String namespace, String name, Instant now) {
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(KubectlView::firstSeen)).toList();
        List<List<String>> rows = new ArrayList<>(List.of(List.of("Type", "Reason", "Age", "From", "Message"),
                List.of("----", "------", "----", "----", "-------")));
        for (Event e : events) {
            String from = e.getSource() == null || e.getSource().getComponent() == null ? ""
                    : e.getSource().getComponent();
            rows.add(List.of(e.getType(), e.getReason(), age(firstSeen(e), now), from, e.getMessage()));
        }
        return "Events:\n" + table(rows, "  ").indent(2);
    }

    private static Instant firstSeen(Event e) {
        String time = e.getFirstTimestamp() != null ? e.getFirstTimestamp()
                : e.getMetadata().getCreationTimestamp();
        return time == null ? Instant.EPOCH : Instant.parse(time);
    }

    private static String age(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + "s" : seconds / 60 + "m";
    }

    private static String table(List<List<String>> rows, String gap) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s", row.get(i)))
                        .append(i == row.size() - 1 ? "" : gap);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
