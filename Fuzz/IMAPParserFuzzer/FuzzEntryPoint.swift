// libFuzzer entry point, compiled only with `-D FUZZING` (see Fuzz/README.md); libFuzzer supplies `main`.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
