package io.sparkoperator.ui;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkUIConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code <app>-ui-svc} Service in front of the driver's Spark UI (as in the Go operator), as a pure function. */
public final class UiService {
    static final int DEFAULT_UI_PORT = 4040;
    static final String DEFAULT_PORT_NAME = "spark-driver-ui-port";
    static final String UI_PORT_CONF = "spark.ui.port";

    private UiService() {
    }

    /** @throws IllegalArgumentException when {@code spark.ui.port} is not a port number */
    public static Service build(SparkApplication app) {
        String appName = app.getMetadata().getName();
        SparkUIConfiguration options = app.getSpec().sparkUIOptions();
        int targetPort = configuredUiPort(app);
        int port = options == null ? targetPort
                : options.servicePort() == null ? DEFAULT_UI_PORT : options.servicePort();
        String portName = options == null || options.servicePortName() == null ? DEFAULT_PORT_NAME
                : options.servicePortName();
        String type = options == null || options.serviceType() == null ? "ClusterIP" : options.serviceType();
        return new ServiceBuilder()
                .withNewMetadata().withName(UiNames.service(appName)).withNamespace(app.getMetadata().getNamespace())
                .withLabels(labels(app, options == null ? null : options.serviceLabels()))
                .withAnnotations(options == null || options.serviceAnnotations() == null ? null
                        : new LinkedHashMap<>(options.serviceAnnotations()))
                .withOwnerReferences(OwnerReferences.controllerOf(app)).endMetadata()
                .withNewSpec().withType(type)
                .addNewPort().withName(portName).withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(targetPort)).endPort()
                .withSelector(Map.of(Labels.APP_NAME, appName, Labels.SPARK_ROLE, Labels.ROLE_DRIVER))
                .endSpec().build();
    }

    /** The UI Service's own labels: {@code serviceLabels} if given, else app name and submission id. */
    static Map<String, String> labels(SparkApplication app, Map<String, String> custom) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (custom != null && !custom.isEmpty()) {
            labels.putAll(custom);
        } else {
            labels.put(Labels.APP_NAME, app.getMetadata().getName());
            if (app.getStatus() != null && app.getStatus().submissionID() != null) {
                labels.put(Labels.SUBMISSION_ID, app.getStatus().submissionID());
            }
        }
        labels.put(Labels.CREATED_BY_SPARK_OPERATOR, "true");
        return labels;
    }

    static int configuredUiPort(SparkApplication app) {
        Map<String, String> conf = app.getSpec().sparkConf();
        String value = conf == null ? null : conf.get(UI_PORT_CONF);
        if (value == null || value.isBlank()) {
            return DEFAULT_UI_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("sparkConf " + UI_PORT_CONF + "=" + value + " is not a port number");
    }
}
