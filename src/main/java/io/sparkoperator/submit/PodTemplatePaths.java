package io.sparkoperator.submit;

import java.nio.file.Path;
import java.util.Objects;

/** Where this submission's driver and executor pod templates were written. */
public record PodTemplatePaths(Path driver, Path executor) {
    public PodTemplatePaths {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(executor, "executor");
    }
}
