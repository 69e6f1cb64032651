package io.ponte.db;

/**
 * Where Ponte's PostgreSQL is found. Most of Ponte reaches it through JPA; the registrar's per-REGISTER
 * statements use JDBC on the same container-managed pool, because at hundreds of registrations a second
 * an entity manager per lookup cost more CPU than the SIP stack itself (see docs/benchmarks.md).
 */
public final class PonteDataSource {

    /** JNDI name of the pooled datasource that wildfly-config defines. */
    public static final String JNDI = "java:jboss/datasources/PonteDS";

    private PonteDataSource() {
    }
}
