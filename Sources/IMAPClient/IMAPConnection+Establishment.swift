import IMAPProtocol
import NIOCore

extension IMAPConnection {
    /// Opens a connection: TCP (plus TLS when `.implicit`), the greeting, then STARTTLS when `.startTLS`.
    ///
    /// Fails with `IMAPConnectionError`, carrying the timings of the steps that were reached. When the
    /// greeting names no capabilities, CAPABILITY is asked, so LITERAL+ and SASL-IR are known before use.
    public static func connect(
        _ configuration: ConnectionConfiguration, on eventLoop: EventLoop
    ) -> EventLoopFuture<IMAPConnection> {
        let started = NIODeadline.now()
        var tls: TLSHandlerFactory?
        if configuration.tlsMode != .none {
            do {
                tls = try TLSHandlerFactory(configuration: configuration)
            } catch {
                return eventLoop.makeFailedFuture(
                    IMAPConnectionError(
                        kind: .tlsFailed, detail: "TLS configuration: \(error)",
                        timings: EstablishmentTimings(started: started)))
            }
        }
        let factory = tls
        return eventLoop.flatSubmit {
            let handler = IMAPChannelHandler(configuration: configuration, eventLoop: eventLoop, started: started)
            if configuration.tlsMode == .startTLS, let factory {
                handler.makeTLSHandler = { try factory.makeHandler() }
            }
            let bound = NIOLoopBound(handler, eventLoop: eventLoop)
            return openChannel(configuration, on: eventLoop, handler: handler, tls: factory)
                .flatMapError { error in
                    let failure = Self.connectError(error, timings: bound.value.timings, configuration)
                    bound.value.establishmentFailure = (failure.kind, failure.detail)
                    bound.value.failEstablishmentPromises()
                    return eventLoop.makeFailedFuture(failure)
                }
                .flatMap { channel in
                    bound.value.timings.tcpConnected = .now()
                    let connection = IMAPConnection(channel: channel, handler: bound.value)
                    return connection.establish(configuration)
                }
        }
    }

    private static func connectError(
        _ error: Error, timings: EstablishmentTimings, _ configuration: ConnectionConfiguration
    ) -> IMAPConnectionError {
        if let error = error as? IMAPConnectionError { return error }
        let target = "\(configuration.host):\(configuration.port)"
        if case ChannelError.connectTimeout = error {
            return IMAPConnectionError(
                kind: .connectTimeout,
                detail: "no TCP connection to \(target) within "
                    + ConnectionStateMachine<Void>.describe(configuration.timeouts.connect), timings: timings)
        }
        return IMAPConnectionError(
            kind: .connectFailed, detail: connectFailureText(error, host: configuration.host, port: configuration.port),
            timings: timings)
    }

    /// Greeting, capabilities, STARTTLS; closes the channel on any failure.
    private func establish(_ configuration: ConnectionConfiguration) -> EventLoopFuture<IMAPConnection> {
        let greetingLimit = configuration.timeouts.greeting
        let timer = eventLoop.assumeIsolated().scheduleTask(in: greetingLimit) { [handler] in
            handler.abortEstablishment(
                .greetingTimeout, detail: "no greeting within \(ConnectionStateMachine<Void>.describe(greetingLimit))")
        }
        guard let greetingFuture = handler.greetingPromise?.futureResult else {
            timer.cancel()
            channel.close(promise: nil)
            return eventLoop.makeFailedFuture(failure(.closedBeforeGreeting, "the server closed the connection"))
        }
        return greetingFuture.assumeIsolated()
            .flatMap { greeting -> EventLoopFuture<Void> in
                timer.cancel()
                self.handler.greetingPromise = nil  // completed: see IMAPChannelHandler.greetingPromise
                if case .bye(let text) = greeting {
                    return self.eventLoop.makeFailedFuture(self.failure(.refused, text))
                }
                return self.askCapabilitiesIfUnknown()
            }
            .flatMap { _ -> EventLoopFuture<Void> in
                configuration.tlsMode == .startTLS
                    ? self.startTLS(timeout: configuration.timeouts.command) : self.eventLoop.makeSucceededVoidFuture()
            }
            .map { _ in self }
            .flatMapError { error in
                timer.cancel()
                self.channel.close(promise: nil)
                let failure = (error as? IMAPConnectionError).map { known -> IMAPConnectionError in
                    var updated = known
                    updated.timings = self.handler.timings
                    return updated
                }
                return self.eventLoop.makeFailedFuture(failure ?? self.failure(.protocolError, "\(error)"))
            }
            .nonisolated()
    }

    private func failure(_ kind: IMAPConnectionError.Kind, _ detail: String) -> IMAPConnectionError {
        IMAPConnectionError(kind: kind, detail: detail, timings: handler.timings)
    }

    private func askCapabilitiesIfUnknown() -> EventLoopFuture<Void> {
        guard capabilities.isEmpty else { return eventLoop.makeSucceededVoidFuture() }
        return send(.capability).map { _ in }
    }

    /// STARTTLS (RFC 3501 §6.2.1): the handler puts TLS first on the OK; then capabilities are asked again.
    private func startTLS(timeout: TimeAmount) -> EventLoopFuture<Void> {
        guard capabilities.contains("STARTTLS") else {
            return eventLoop.makeFailedFuture(
                failure(.startTLSUnavailable, "capabilities: \(capabilities.sorted().joined(separator: " "))"))
        }
        let timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [handler] in
            handler.abortEstablishment(
                .tlsFailed,
                detail: "STARTTLS handshake not finished within "
                    + ConnectionStateMachine<Void>.describe(timeout))
        }
        return send(.startTLS).assumeIsolated()
            .flatMap { record -> EventLoopFuture<Void> in
                switch record.outcome {
                case .ok:
                    // there is one whenever TLS is configured, and STARTTLS runs only then
                    guard let tls = self.handler.tlsPromise else {
                        return self.eventLoop.makeFailedFuture(self.failure(.tlsFailed, "no TLS configuration"))
                    }
                    return tls.futureResult
                case .no, .bad: return self.eventLoop.makeFailedFuture(self.failure(.startTLSRejected, record.text))
                default:
                    let known = self.handler.establishmentFailure ?? (.protocolError, record.text)
                    return self.eventLoop.makeFailedFuture(self.failure(known.kind, known.detail))
                }
            }
            .flatMap { _ in
                timer.cancel()
                return self.send(.capability).map { _ in }
            }
            .always { _ in timer.cancel() }
            .nonisolated()
    }
}
