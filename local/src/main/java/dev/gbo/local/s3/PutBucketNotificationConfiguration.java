package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 PutBucketNotificationConfiguration: stores the configuration; {@code <EventBridgeConfiguration/>} turns the events on. */
final class PutBucketNotificationConfiguration implements Operation {
    private final S3Store store;

    PutBucketNotificationConfiguration(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "PutBucketNotificationConfiguration";
    }

    @Override
    public Binding binding() {
        return Binding.rest("PUT", "/{Bucket}").whenQuery("notification");
    }

    /** S3 authorizes PutBucketNotificationConfiguration as {@code s3:PutBucketNotification} on {@code arn:aws:s3:::BUCKET}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return S3Service.bucketAccess("s3:PutBucketNotification", in);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String bucket = input.path("Bucket").asText();
        store.requireBucket(bucket);
        String xml = new String(S3Store.body(input), StandardCharsets.UTF_8);
        boolean eventBridge;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            if (!"NotificationConfiguration".equals(doc.getDocumentElement().getLocalName())) {
                throw new IllegalArgumentException("root element is " + doc.getDocumentElement().getLocalName());
            }
            eventBridge = doc.getElementsByTagNameNS("*", "EventBridgeConfiguration").getLength() > 0;
        } catch (Exception e) {
            throw new AwsException("MalformedXML", 400, "The XML you provided was not well-formed or did not validate"
                    + " against our published schema");
        }
        store.notification(bucket, xml.replaceFirst("^\\s*<\\?xml[^>]*\\?>\\s*", ""), eventBridge);
        return Json.object();
    }
}
