//! Helpers for the bench binaries: the synthetic corpus, external tools, percentiles.

pub mod form;
pub mod queries;
pub mod sync_lab;
pub mod synth;

use std::process::Command;

/// Makes sure a Debian tool is there (installs it when running as root), or says how to get it.
pub fn need(tool: &str, package: &str) -> Result<(), String> {
    if Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
    {
        return Ok(());
    }
    eprintln!("bench: installing {package} (apt-get)");
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("apt-get install -y -qq {package} >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq {package} >/dev/null)"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        Ok(())
    } else {
        Err(format!("{tool} is missing; install it with: apt-get install {package}"))
    }
}

/// Runs a command and returns its standard output, or a message naming the command.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// What `wrk --latency` reports: requests per second and the median latency in ms.
pub struct WrkResult {
    pub rps: f64,
    pub p50_ms: f64,
}

pub fn wrk(url: &str, threads: u32, connections: u32, seconds: u32) -> Result<WrkResult, String> {
    let out = run(Command::new("wrk").args([
        format!("-t{threads}"),
        format!("-c{connections}"),
        format!("-d{seconds}s"),
        "--latency".into(),
        url.into(),
    ]))?;
    let rps = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("no Requests/sec in wrk output:\n{out}"))?;
    let p50 = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("50%"))
        .map(|v| parse_duration_ms(v.trim()))
        .ok_or_else(|| format!("no 50% latency in wrk output:\n{out}"))?;
    if out.contains("Non-2xx") || out.contains("Socket errors") {
        eprintln!("bench: wrk reported errors:\n{out}");
    }
    Ok(WrkResult { rps, p50_ms: p50 })
}

/// "1.23ms", "456.00us", "2.00s" → milliseconds.
pub fn parse_duration_ms(v: &str) -> f64 {
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
    let n: f64 = num.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => f64::NAN,
    }
}

/// The p-th percentile (0..=100) of a list of durations in milliseconds.
pub fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted_ms.len() - 1) as f64).round() as usize;
    sorted_ms[rank.min(sorted_ms.len() - 1)]
}

/// Peak resident memory of this process so far (Linux VmHWM), in MB.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024.0)
}

/// nginx serving `dir` as static files on a loopback port, stopped when dropped.
pub struct Nginx {
    child: std::process::Child,
    pub port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx serving `dir` over HTTPS on a loopback port with a certificate for 127.0.0.1 made
/// for the run; returns it and the certificate (DER) a client must trust.
pub fn nginx_tls(dir: &std::path::Path, work: &std::path::Path, port: u16) -> Result<(Nginx, Vec<u8>), String> {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    std::fs::write(work.join("cert.pem"), certified.cert.pem()).map_err(|e| e.to_string())?;
    std::fs::write(work.join("key.pem"), certified.signing_key.serialize_pem()).map_err(|e| e.to_string())?;
    let conf = format!(
        "daemon off; master_process off; worker_processes 1; pid {w}/nginx.pid; error_log {w}/error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{ access_log off; client_body_temp_path {w}; proxy_temp_path {w}; fastcgi_temp_path {w}; uwsgi_temp_path {w}; scgi_temp_path {w};\n\
           server {{ listen 127.0.0.1:{port} ssl; ssl_certificate {w}/cert.pem; ssl_certificate_key {w}/key.pem; ssl_session_tickets off;\n\
             root {d}; location / {{ default_type application/octet-stream; }} }} }}\n",
        w = work.display(),
        d = dir.display()
    );
    std::fs::write(work.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
    let child = Command::new("nginx")
        .args(["-c", &work.join("nginx.conf").display().to_string(), "-p", &work.display().to_string()])
        .spawn()
        .map_err(|e| format!("nginx: {e}"))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    Ok((Nginx { child, port }, certified.cert.der().to_vec()))
}

/// Starts nginx (one worker, no access log) for the files in `dir`, typed `default_type`.
pub fn nginx(dir: &std::path::Path, default_type: &str, port: u16) -> Result<Nginx, String> {
    let conf = format!(
        "daemon off; master_process off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{ access_log off; client_body_temp_path {d}; proxy_temp_path {d}; fastcgi_temp_path {d}; uwsgi_temp_path {d}; scgi_temp_path {d};\n\
           server {{ listen 127.0.0.1:{port}; root {d}; location / {{ default_type {default_type}; }} }} }}\n",
        d = dir.display()
    );
    std::fs::write(dir.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
    let child = Command::new("nginx")
        .args(["-c", &dir.join("nginx.conf").display().to_string(), "-p", &dir.display().to_string()])
        .spawn()
        .map_err(|e| format!("nginx: {e}"))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    Ok(Nginx { child, port })
}
