import DiscogsRateLimiting

extension DiscogsRateLimitConfiguration {
    /// The authenticated preset without arrival slack: these tests check the window's own
    /// arithmetic at exact times (a request at t leaves at t + 60); `ArrivalSlackTests` checks
    /// the slack.
    static var authenticatedExactWindow: DiscogsRateLimitConfiguration {
        var configuration = DiscogsRateLimitConfiguration.authenticated
        configuration.arrivalSlack = 0
        return configuration
    }
}
