using System.Net.Sockets;

namespace AcrGuard.LoadDriver;

/// <summary>What became of one request.</summary>
internal enum Outcome
{
    /// <summary>Answered with the expected status, uid and verdict.</summary>
    Ok,

    /// <summary>Answered, but not as expected: a wrong verdict, uid or warnings.</summary>
    Wrong,

    /// <summary>No answer, a timeout, or an unexpected HTTP status.</summary>
    Failed,

    /// <summary>The connection was refused: the request never reached a server.</summary>
    Refused,
}

internal static class Outcomes
{
    /// <summary>
    /// A refused connection means nothing was accepted (at the end of a shutdown, the server is
    /// gone); anything else (a reset, a connection closed mid-answer, a timeout) means a request
    /// the server may have taken was not answered.
    /// </summary>
    public static Outcome Classify(Exception e) =>
        Chain(e).OfType<SocketException>().Any(s => s.SocketErrorCode == SocketError.ConnectionRefused)
            ? Outcome.Refused
            : Outcome.Failed;

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
