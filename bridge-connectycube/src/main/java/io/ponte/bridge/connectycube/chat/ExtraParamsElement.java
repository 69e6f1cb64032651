package io.ponte.bridge.connectycube.chat;

import io.ponte.bridge.connectycube.signaling.SignalingCodec;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;

/** A signaling message as the {@code <extraParams xmlns="jabber:client">} child of a Smack message. */
final class ExtraParamsElement implements ExtensionElement {
    private final String xml;

    ExtraParamsElement(SignalingMessage message) {
        this.xml = SignalingCodec.encodeExtraParams(message);
    }

    @Override
    public String getNamespace() {
        return SignalingCodec.JABBER_CLIENT;
    }

    @Override
    public String getElementName() {
        return "extraParams";
    }

    @Override
    public CharSequence toXML(XmlEnvironment enclosingNamespace) {
        return xml;
    }
}
