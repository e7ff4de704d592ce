/**
 * Cron schedules, written here without a cron library: the 5-field syntax and descriptors of robfig/cron's
 * {@code ParseStandard} (which the Go operator and Kubernetes CronJobs use), {@code @every <Go duration>},
 * {@code CRON_TZ=}/{@code TZ=} prefixes and IANA time zones. Entry point: {@link ScheduleParser#parse}; the result is
 * a {@link Schedule} whose {@link Schedule#next} is correct across daylight-saving changes (a wall time in a
 * spring-forward gap fires once at the first instant after the gap, a wall time in a fall-back overlap fires once, at
 * its first occurrence). Pure: depends only on {@code java.time}; no Kubernetes, no I/O, no clock of its own.
 */
package io.sparkoperator.schedule;
