package io.sparkoperator.submit;

import io.sparkoperator.api.SparkApplication;
import java.util.Map;

/** The driver pod's name: {@code driver.podName} > {@code sparkConf[spark.kubernetes.driver.pod.name]} > {@code <app>-driver}. */
public final class DriverPodName {
    static final String CONF_KEY = "spark.kubernetes.driver.pod.name";

    private DriverPodName() {
    }

    public static String of(SparkApplication app) {
        var spec = app.getSpec();
        if (spec.driver() != null && notBlank(spec.driver().podName())) {
            return spec.driver().podName();
        }
        Map<String, String> conf = spec.sparkConf();
        if (conf != null && notBlank(conf.get(CONF_KEY))) {
            return conf.get(CONF_KEY);
        }
        return app.getMetadata().getName() + "-driver";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
