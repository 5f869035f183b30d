import CLibUV

/// An object that owns exactly one libuv handle and is stored, retained, in that handle's `data`.
///
/// Lifetime rule for every handle in this module:
/// 1. the memory is allocated and `uv_*_init` is called on the loop thread;
/// 2. `data` holds a +1 reference to the owner for as long as the handle is open, so an open handle
///    keeps its owner alive even when users drop their references;
/// 3. the owner calls `uv_close`, and frees the memory and drops that reference only in the close
///    callback (``LoopHandle/close(_:)``).
///
/// At shutdown the loop walks its handles and calls ``closeForLoopShutdown()`` on every owner.
protocol LoopHandleOwner: AnyObject {
    /// Closes the handle because its loop is shutting down; called on the loop thread.
    func closeForLoopShutdown()
    /// The handle's close callback ran; free its memory. Called on the loop thread.
    func handleDidClose()
}

/// Helpers to allocate, attach and close handles following the ``LoopHandleOwner`` rules.
enum LoopHandle {
    /// Allocates uninitialised, zeroed memory for a handle of type `T`.
    static func allocate<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment
        )
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.size)
        return raw.bindMemory(to: T.self, capacity: 1)
    }

    /// Frees memory from ``allocate(_:)``.
    static func free<T>(_ pointer: UnsafeMutablePointer<T>) {
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// Views any handle type as the base `uv_handle_t` (libuv's C "inheritance").
    @inline(__always)
    static func base<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<uv_handle_t> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: uv_handle_t.self)
    }

    /// Stores a retained reference to `owner` in the handle's `data`.
    static func attach(_ owner: some LoopHandleOwner, to handle: UnsafeMutablePointer<uv_handle_t>) {
        handle.pointee.data = Unmanaged<AnyObject>.passRetained(owner).toOpaque()
    }

    /// The owner stored by ``attach(_:to:)``, without changing its reference count.
    @inline(__always)
    static func owner<Owner: AnyObject>(
        of handle: UnsafeMutablePointer<uv_handle_t>, as _: Owner.Type
    ) -> Owner {
        Unmanaged<Owner>.fromOpaque(handle.pointee.data!).takeUnretainedValue()
    }

    /// Closes `handle`; the close callback calls ``LoopHandleOwner/handleDidClose()`` and then
    /// releases the reference taken by ``attach(_:to:)``.
    static func close(_ handle: UnsafeMutablePointer<uv_handle_t>) {
        guard uv_is_closing(handle) == 0 else { return }
        uv_close(handle) { handle in
            let handle = handle!
            let owner = Unmanaged<AnyObject>.fromOpaque(handle.pointee.data!).takeRetainedValue()
            handle.pointee.data = nil
            // The force cast cannot fail: only `attach(_:to:)` stores into `data`.
            (owner as! any LoopHandleOwner).handleDidClose()
        }
    }

    /// Closes a handle that has no owner attached and frees its memory in the close callback.
    static func closeUnowned(_ handle: UnsafeMutablePointer<uv_handle_t>) {
        handle.pointee.data = nil
        uv_close(handle) { handle in
            UnsafeMutableRawPointer(handle!).deallocate()
        }
    }
}
