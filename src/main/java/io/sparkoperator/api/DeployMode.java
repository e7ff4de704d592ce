package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code spec.mode}: spark-submit's {@code --deploy-mode}. */
public enum DeployMode {
    @JsonProperty("cluster") CLUSTER("cluster"),
    @JsonProperty("client") CLIENT("client");

    private final String flag;

    DeployMode(String flag) {
        this.flag = flag;
    }

    /** The value spark-submit expects after {@code --deploy-mode}. */
    public String flag() {
        return flag;
    }
}
