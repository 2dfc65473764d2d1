//! Errors as a visitor sees them: a Dutch page with the right status, never a stack trace.

use super::layout;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use palliwijzer_core::CoreError;

#[derive(Debug)]
pub enum WebError {
    /// 404: the thing asked for does not exist.
    NotFound(String),
    /// 400: the request itself is malformed; the text says what to change.
    BadRequest(String),
    /// 500: our fault; details go to the log, not to the visitor.
    Internal(String),
}

impl From<CoreError> for WebError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::NotFound { .. } => WebError::NotFound(e.to_string()),
            CoreError::InvalidInput(m) => WebError::BadRequest(m),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let words = palliwijzer_core::view::ui_text();
        let (status, title, text) = match self {
            WebError::NotFound(m) => (StatusCode::NOT_FOUND, words.not_found_title, m),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, words.bad_request_title, m),
            WebError::Internal(detail) => {
                eprintln!("internal error: {detail}");
                (StatusCode::INTERNAL_SERVER_ERROR, words.error_title, words.general_error)
            }
        };
        (status, layout::error_page(&title, &text)).into_response()
    }
}

/// A panic in a handler becomes the same Dutch 500 page.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    eprintln!("internal error: a handler panicked");
    WebError::Internal("panic".into()).into_response()
}
