package io.ponte.sip.container;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Sends what Restcomm and JAIN-SIP log through log4j 1 to java.util.logging, which WildFly's log
 * manager handles: their messages then land in ponte.log and error.log under their own category
 * instead of as anonymous standard output.
 */
public class JulAppender extends AppenderSkeleton {

    @Override
    protected void append(LoggingEvent event) {
        Logger logger = Logger.getLogger(event.getLoggerName());
        Level level = toJul(event.getLevel().toInt());
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, event.getRenderedMessage());
        record.setLoggerName(event.getLoggerName());
        ThrowableInformation thrown = event.getThrowableInformation();
        if (thrown != null) {
            record.setThrown(thrown.getThrowable());
        }
        logger.log(record);
    }

    private static Level toJul(int log4jLevel) {
        if (log4jLevel >= org.apache.log4j.Level.ERROR_INT) {
            return Level.SEVERE;
        }
        if (log4jLevel >= org.apache.log4j.Level.WARN_INT) {
            return Level.WARNING;
        }
        if (log4jLevel >= org.apache.log4j.Level.INFO_INT) {
            return Level.INFO;
        }
        return log4jLevel >= org.apache.log4j.Level.DEBUG_INT ? Level.FINE : Level.FINEST;
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public boolean requiresLayout() {
        return false;
    }
}
