package org.restcomm.commons.statistics.reporter;

import java.util.concurrent.TimeUnit;

import com.codahale.metrics.MetricRegistry;

/**
 * Binary-compatible replacement for Restcomm's statistics reporter.
 *
 * <p>{@code SipApplicationDispatcherImpl} creates one of these, configures it and calls
 * {@link #start(long, TimeUnit)}/{@link #stop()}. The original schedules HTTP posts of usage counters
 * to a remote host; this one keeps the counters in a local {@link MetricRegistry} and sends nothing.
 */
public class RestcommStatsReporter {

    private static final MetricRegistry METRICS = new MetricRegistry();
    private static RestcommStatsReporter instance;

    private String remoteServer;
    private String projectName;
    private String projectType;
    private String version;

    public static synchronized RestcommStatsReporter getRestcommStatsReporter() {
        if (instance == null) {
            instance = new RestcommStatsReporter();
        }
        return instance;
    }

    public static MetricRegistry getMetricRegistry() {
        return METRICS;
    }

    /** Does nothing: no report is ever scheduled. */
    public void start(long period, TimeUnit unit) {
        // intentionally no reporting
    }

    /** Does nothing: there is nothing to flush and nowhere to send it. */
    public void stop() {
        // intentionally no reporting
    }

    public String getRemoteServer() { return remoteServer; }
    public void setRemoteServer(String remoteServer) { this.remoteServer = remoteServer; }
    public String getProjectName() { return projectName; }
    public void setProjectName(String projectName) { this.projectName = projectName; }
    public String getProjectType() { return projectType; }
    public void setProjectType(String projectType) { this.projectType = projectType; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
}
