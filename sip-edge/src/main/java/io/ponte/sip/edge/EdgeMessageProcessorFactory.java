package io.ponte.sip.edge;

import java.io.IOException;
import java.net.InetAddress;

import javax.sip.ListeningPoint;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Named in the stack property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}: JAIN-SIP's NIO
 * listeners, with TCP and TLS connections framed by the edge ({@link EdgeStreamProcessors}); UDP as it is.
 */
public final class EdgeMessageProcessorFactory extends NioMessageProcessorFactory {

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
            String transport) throws IOException {
        if (transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new EdgeStreamProcessors.Tcp(address, stack, port);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TLS)) {
            return new EdgeStreamProcessors.Tls(address, stack, port);
        }
        return super.createMessageProcessor(stack, address, port, transport);
    }
}
