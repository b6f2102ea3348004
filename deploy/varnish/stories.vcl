# Varnish in front of Stories of Hope (Debian: apt-get install varnish varnish-modules).
#
#   varnishd -a :80 -f /etc/varnish/stories.vcl -s malloc,256m
#
# The app says what may be cached and for how long (Cache-Control: public,
# s-maxage, stale-while-revalidate, stale-if-error) and names what each page
# shows (xkey); the worker purges those keys on every change
# (EDGE_CACHE_URL=varnish://this-host:80). This file only adds what the app
# cannot: one cache entry per page whatever tracking parameters or cookies a
# visitor brings, and old pages while the app is down.
vcl 4.1;

import cookie;
import std;
import xkey;

probe healthz {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

# The one line to edit: where gunicorn listens.
backend default { .host = "127.0.0.1"; .port = "8000"; .probe = healthz; }

# Who may purge: the app servers and their worker.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.restarts == 0) {
        unset req.http.x-fetch-fresh;
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Tracking parameters, unique per click, never change a page; sorting
    # the rest makes ?a=1&b=2 and ?b=2&a=1 one entry.
    set req.url = regsuball(req.url,
        "(?i)([?&])(utm_[a-z0-9_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ref)=[^&#]*", "\1");
    set req.url = regsuball(req.url, "[?&]+(&|$|#)", "\1");
    set req.url = regsub(req.url, "\?&+", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);

    # Signed-in staff (Django's session cookie) always reach the app.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Every other cookie but CSRF's is dropped: pages are the same for all.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("csrftoken");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Varnish stores pages gzipped and would gunzip one on every delivery
    # to a client that doesn't take gzip; such clients get a copy of their own, kept plain.
    unset req.http.x-plain;
    if (req.http.Accept-Encoding !~ "gzip") {
        set req.http.x-plain = "1";
    }
    if (req.http.x-fetch-fresh) {
        # Past its stale-while-revalidate window with the app up: fetch now.
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.x-plain) {
        hash_data("plain");
    }
}

sub vcl_hit {
    # Grace holds a page for stale-if-error; while the app answers, a stale
    # page is served only inside the app's stale-while-revalidate window.
    if (obj.ttl <= 0s && !req.http.x-fetch-fresh && std.healthy(req.backend_hint)
        && obj.ttl + std.duration(obj.http.x-revalidate-window, 0s) <= 0s) {
        set req.http.x-fetch-fresh = "1";
        return (restart);
    }
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie) {
        # A response that sets a cookie is for one visitor: never stored.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (bereq.http.x-plain && beresp.http.Content-Encoding ~ "gzip") {
        set beresp.do_gunzip = true;
    }
    if (beresp.http.Cache-Control ~ "(?i)\bpublic\b") {
        set beresp.http.x-revalidate-window = regsub(beresp.http.Cache-Control,
            "(?i)^.*stale-while-revalidate=(\d+).*$", "\1s");
        if (beresp.http.x-revalidate-window !~ "^\d+s$") {
            set beresp.http.x-revalidate-window = "0s";
        }
        if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d+") {
            set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
                "(?i)^.*stale-if-error=(\d+).*$", "\1s"), 0s);
        }
        if (beresp.ttl <= 0s) {
            # Fresh for under a second (a scheduled story is due): keep it
            # only for stale-if-error, without the built-in hit-for-miss.
            set beresp.ttl = 0s;
            return (deliver);
        }
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.x-revalidate-window;
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
