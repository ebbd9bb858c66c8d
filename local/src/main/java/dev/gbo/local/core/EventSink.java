package dev.gbo.local.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How AWS services of the local cloud (Batch, S3) emit events onto an EventBridge bus, as AWS
 * does on the default bus. Implemented by the EventBridge service.
 */
public interface EventSink {

    /**
     * Puts one event. {@code event} is the full envelope: {@code version, id, detail-type, source,
     * account, time, region, resources, detail}; a missing id/time/account/region is filled in.
     */
    void putEvent(String busName, ObjectNode event);
}
