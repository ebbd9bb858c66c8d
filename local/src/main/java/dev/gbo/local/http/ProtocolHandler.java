package dev.gbo.local.http;

import com.sun.net.httpserver.HttpExchange;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.RequestContext;
import java.io.IOException;

/**
 * Marshalling for one AWS wire protocol: reads {@code (operation, input)} from the exchange, calls
 * the service, and writes the result. Errors are not written here: an {@link
 * dev.gbo.local.core.AwsException} thrown from {@link #handle} is written by {@link ErrorWriter}
 * in the protocol's error format ({@link #errorFormat()}).
 */
public interface ProtocolHandler {

    void handle(HttpExchange exchange, AwsService service, RequestContext context) throws IOException;

    ErrorWriter.Format errorFormat();
}
