//! A private tmux server to run the real binary in, as a person would:
//! type, read the screen back, wait (polling, with a deadline) for text.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server per test (`name` keeps parallel tests apart).
    pub fn start(name: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_with_env(name, width, height, &[])
    }

    /// Like `start`, with extra `KEY=VALUE` variables in the shell's
    /// otherwise empty environment.
    pub fn start_with_env(name: &str, width: u16, height: u16, env: &[(&str, &str)]) -> Tmux {
        let socket = format!("rolecall-e2e-{}-{name}", std::process::id());
        let tmux = Tmux { socket };
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "HOME=/tmp",
                "PS1=shell$ ",
            ])
            .args(env.iter().map(|(k, v)| format!("{k}={v}")))
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux must be installed to run this test (apt-get install tmux)");
        assert!(status.success(), "tmux could not start a session");
        // Let applications set tmux's clipboard with OSC 52.
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    /// Waits until the program has exited and the shell prompt is the last
    /// line again (keys typed before that would go to the program).
    pub fn wait_for_prompt(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            let last = screen.lines().rev().find(|l| !l.trim().is_empty());
            if last.is_some_and(|l| l.trim_end() == "shell$") {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for the shell prompt; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows `text` and has settled (two captures
    /// 40 ms apart agree, so a frame caught half-written is not returned);
    /// panics with the screen if not.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(40));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
