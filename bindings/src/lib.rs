pub use palliwijzer_core;
