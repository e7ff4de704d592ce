package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code spec.type}: the language of the main application. Not passed to spark-submit. */
public enum ApplicationType {
    @JsonProperty("Java") JAVA,
    @JsonProperty("Scala") SCALA,
    @JsonProperty("Python") PYTHON,
    @JsonProperty("R") R
}
