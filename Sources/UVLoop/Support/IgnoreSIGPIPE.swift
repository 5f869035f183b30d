#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ignores `SIGPIPE` process-wide, once; every ``EventLoop`` touches it when created.
///
/// libuv sends with `write(2)`/`writev(2)`, which raise `SIGPIPE` when the peer has reset the
/// connection, and the default action of that signal kills the process: one peer closing a
/// socket mid-write (a node restart, a dropped connection) would take the whole application
/// down. Ignored, the write fails with `EPIPE` instead, and that connection closes with an
/// error. Node.js, the main libuv user, does the same at startup.
let ignoreSIGPIPE: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()
