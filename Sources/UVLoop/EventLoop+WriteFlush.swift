import CLibUV

/// End-of-iteration flushing of the write batches built by ``TCPConnection`` writes made on the
/// loop thread.
///
/// libuv runs, per iteration: timers, pending callbacks, prepare, poll (I/O and the work queue),
/// check, close callbacks. Flushing in check sends what the I/O and work callbacks wrote; flushing
/// in prepare sends what timers, write callbacks and close callbacks wrote, before the loop can
/// block in poll. So every batch leaves in the iteration that produced it (or the very next one).
/// Before that last flush, prepare also runs the work queued while the loop was awake (see
/// ``EventLoop/enqueueWork(_:)``), so what that work writes leaves before the loop blocks too.
extension EventLoop {
    /// Initialises and starts both flush handles; called from `init`, before the thread starts.
    func startFlushHandles() {
        uv_prepare_init(rawLoop, flushPrepare)
        flushPrepare.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        uv_prepare_start(flushPrepare) { handle in
            let loop = Unmanaged<EventLoop>.fromOpaque(handle!.pointee.data!).takeUnretainedValue()
            loop.drainBeforeBlocking()
            loop.flushConnections()
        }
        uv_check_init(rawLoop, flushCheck)
        flushCheck.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        uv_check_start(flushCheck) { handle in
            Unmanaged<EventLoop>.fromOpaque(handle!.pointee.data!).takeUnretainedValue().flushConnections()
        }
    }

    /// Flushes what is batched, then closes both handles. Loop thread only, at shutdown.
    func stopFlushHandles() {
        flushConnections()
        LoopHandle.closeUnowned(LoopHandle.base(flushPrepare))
        LoopHandle.closeUnowned(LoopHandle.base(flushCheck))
    }

    /// Registers `connection` for the next flush. The connection calls this once per batch.
    /// Loop thread only.
    func scheduleFlush(of connection: TCPConnection) {
        connectionsToFlush.append(connection)
    }

    /// Flushes every registered connection. Loop thread only.
    private func flushConnections() {
        guard !connectionsToFlush.isEmpty else { return }
        // Swap with a spare array: flushing can complete writes whose callbacks write again and
        // register their connection for the next round.
        swap(&connectionsToFlush, &connectionsBeingFlushed)
        for connection in connectionsBeingFlushed {
            connection.flushBatch()
        }
        connectionsBeingFlushed.removeAll(keepingCapacity: connectionsBeingFlushed.capacity <= 1024)
    }
}
