//! Where the window may navigate: the app's own pages and nothing else. A
//! link in a record's text, a redirect or injected markup must not take the
//! window — which holds the app's IPC — to a page from elsewhere.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager, Runtime, Url};

/// The plugin that refuses every navigation [`may_navigate`] refuses.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation")
        .on_navigation(|webview, url| {
            // Only the build that serves the UI from the Vite dev server
            // (no `custom-protocol`, `cfg(dev)` from tauri-build) loads it;
            // a release, and the debug build the end-to-end tests run, never.
            let dev_url = if cfg!(dev) {
                webview.config().build.dev_url.as_ref()
            } else {
                None
            };
            let allowed = may_navigate(url, dev_url);
            if !allowed {
                eprintln!("ipdesk: navigation refused: {url}");
            }
            allowed
        })
        .build()
}

/// Whether the window may go to `url`: the app's own origin as each
/// platform serves it (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows), blobs the app made (the evidence
/// preview's PDF frame is a `blob:` URL of the app's origin), `about:blank`,
/// and `dev_url`'s origin when given. Anything else is refused.
pub fn may_navigate(url: &Url, dev_url: Option<&Url>) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost") && url.port().is_none(),
        "http" | "https" => {
            let app = url.host_str() == Some("tauri.localhost") && url.port().is_none();
            app || dev_url.is_some_and(|dev| dev.origin() == url.origin())
        }
        // `blob:tauri://localhost/<uuid>`: the origin that made it follows.
        "blob" => Url::parse(url.path())
            .is_ok_and(|inner| inner.scheme() != "blob" && may_navigate(&inner, dev_url)),
        "about" => url.path() == "blank",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn allowed(s: &str) -> bool {
        may_navigate(&url(s), None)
    }

    #[test]
    fn the_apps_own_origin_is_allowed_on_every_platform() {
        for u in [
            "tauri://localhost",
            "tauri://localhost/index.html#/ledger",
            "http://tauri.localhost/",
            "https://tauri.localhost/leads/3",
        ] {
            assert!(
                allowed(u),
                "{u} is how a platform serves the app's own pages"
            );
        }
    }

    #[test]
    fn blobs_the_app_made_are_allowed_and_others_are_not() {
        assert!(
            allowed("blob:tauri://localhost/7f1c2a9e-0000-4000-8000-000000000000"),
            "the evidence preview shows a PDF in a frame from a blob the app made"
        );
        assert!(!allowed("blob:https://evil.example/7f1c2a9e"));
        assert!(!allowed("blob:blob:tauri://localhost/x"));
        assert!(!allowed("blob:not a url"));
    }

    #[test]
    fn other_origins_and_schemes_are_refused() {
        for u in [
            "https://example.com/",
            "http://localhost:5173/",
            "http://localhost/",
            "http://127.0.0.1:5173/",
            "https://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "tauri://evil/",
            "tauri://localhost:1234/",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:srcdoc",
            "ftp://tauri.localhost/",
        ] {
            assert!(
                !allowed(u),
                "{u} is not the app's own page: the window must not load it"
            );
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_when_given() {
        let dev = url("http://localhost:5173");
        assert!(may_navigate(
            &url("http://localhost:5173/#/ledger"),
            Some(&dev)
        ));
        assert!(
            !may_navigate(&url("http://localhost:5174/"), Some(&dev)),
            "only the dev server's own origin"
        );
        assert!(
            !may_navigate(&url("https://localhost:5173/"), Some(&dev)),
            "the scheme is part of the origin"
        );
        assert!(
            !allowed("http://localhost:5173/"),
            "a build that serves its own UI has no dev server to go to"
        );
    }
}
