package dev.pillarboard.portal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/**
 * A headless browser for the page and form tests (HtmlUnit: real HTML parsing, cookies, forms with their hidden
 * fields). JavaScript is off, as the portal needs none; redirects are followed; error statuses return the page.
 */
public final class Browser implements AutoCloseable {

    private final WebClient client = new WebClient();
    private final URL base;

    public Browser(URL base) {
        this.base = base;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
        client.setCssErrorHandler(new SilentCssErrorHandler());
        client.getCache().setMaxSize(0);
    }

    public HtmlPage page(String path) {
        Page page = get(path);
        if (page instanceof HtmlPage html) {
            return html;
        }
        throw new AssertionError(path + " answered " + page.getWebResponse().getStatusCode() + " "
                + page.getWebResponse().getContentType() + ": " + page.getWebResponse().getContentAsString());
    }

    public Page get(String path) {
        try {
            return client.getPage(new URL(base, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FailingHttpStatusCodeException e) {
            throw new AssertionError(e);
        }
    }

    public WebClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
