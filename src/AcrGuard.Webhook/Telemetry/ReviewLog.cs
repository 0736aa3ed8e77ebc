using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// The webhook's log lines, source-generated: each parameter becomes a field of the JSON line.
/// A denial or a warning is one line; an allowed review with nothing to say logs nothing at Information.
/// </summary>
public static partial class ReviewLog
{
    [LoggerMessage(EventId = 1, EventName = "Denied", Level = LogLevel.Warning,
        Message = "Denied {Operation} of {Kind} {ObjectNamespace}/{Name} by {User} (uid {Uid}, dryRun {DryRun}, mode {Mode}): {Rules}")]
    public static partial void Denied(ILogger logger, string uid, string kind, string objectNamespace, string name, string user, string operation, bool dryRun, string mode, string rules);

    [LoggerMessage(EventId = 2, EventName = "Warned", Level = LogLevel.Information,
        Message = "Allowed with warnings {Operation} of {Kind} {ObjectNamespace}/{Name} by {User} (uid {Uid}, dryRun {DryRun}, mode {Mode}): {Rules}")]
    public static partial void Warned(ILogger logger, string uid, string kind, string objectNamespace, string name, string user, string operation, bool dryRun, string mode, string rules);

    [LoggerMessage(EventId = 3, EventName = "Allowed", Level = LogLevel.Debug,
        Message = "Allowed {Operation} of {Kind} {ObjectNamespace}/{Name} by {User} (uid {Uid}, dryRun {DryRun}, mode {Mode})")]
    public static partial void Allowed(ILogger logger, string uid, string kind, string objectNamespace, string name, string user, string operation, bool dryRun, string mode);

    [LoggerMessage(EventId = 4, EventName = "BadRequest", Level = LogLevel.Warning,
        Message = "Refused a request from {Remote} with HTTP {Status}: {Problem}")]
    public static partial void BadRequest(ILogger logger, string remote, int status, string problem);

    [LoggerMessage(EventId = 5, EventName = "Unreadable", Level = LogLevel.Warning,
        Message = "Could not read the {Kind} {ObjectNamespace}/{Name} of review {Uid}: {Problem}")]
    public static partial void Unreadable(ILogger logger, string uid, string kind, string objectNamespace, string name, string problem);

    [LoggerMessage(EventId = 7, EventName = "ModeDowngrade", Level = LogLevel.Warning,
        Message = "{Operation} setting acrguard.io/mode=audit on namespace {Name} by {User} (groups {Groups}; uid {Uid}, dryRun {DryRun}): allowed {Allowed}")]
    public static partial void ModeDowngrade(ILogger logger, string uid, string name, string user, string groups, string operation, bool dryRun, bool allowed);

    [LoggerMessage(EventId = 6, EventName = "Fault", Level = LogLevel.Error,
        Message = "A fault while reviewing a request from {Remote} in {Mode} mode; answered with HTTP 200: code 500 when enforcing, allowed when auditing")]
    public static partial void Fault(ILogger logger, string remote, string mode, Exception exception);
}
