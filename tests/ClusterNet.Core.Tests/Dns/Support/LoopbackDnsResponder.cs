using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns.Support;

/// <summary>
/// A DNS server for tests, on loopback addresses only: answers every query from a <see cref="DnsAnswers"/> table (the
/// same code the simulator reads) and logs what it received. Listens on UDP and TCP; replies over UDP are cut at 512
/// bytes, or the client's EDNS0 size, with the TC bit set, keeping the records that fit. A "tc" rule answers UDP with
/// the TC bit and no records; delay_ms holds a reply back that long (other queries are served meanwhile). A
/// "drop_if_inflight" rule emulates the conntrack insert race: a UDP query for the name from a client address and port
/// that still waits for a reply from this responder (on any of its addresses) is logged and never answered. With
/// replies sent at once nothing stays in flight, so race scenarios give the rule a delay_ms.
/// Each bound address stands for a logical server of the table (so tests can move to free addresses).
/// </summary>
public sealed class LoopbackDnsResponder : IAsyncDisposable
{
    private readonly DnsAnswers _answers;
    private readonly List<Socket> _sockets = [];
    private readonly List<Socket> _udpSockets = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentQueue<LoggedQuery> _log = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _sequence;
    private int _handling;
    // Replies not yet sent, per client address and port: what a query racing in conntrack would be racing with.
    private readonly ConcurrentDictionary<EndPoint, int> _inflight = new();

    private LoopbackDnsResponder(DnsAnswers answers) => _answers = answers;

    /// <summary>Binds port <paramref name="port"/> on each bound address; key = address to bind, value = logical server.</summary>
    public static LoopbackDnsResponder Start(DnsAnswers answers, IReadOnlyDictionary<IPAddress, string> bindings, int port = 53)
    {
        var responder = new LoopbackDnsResponder(answers);
        try
        {
            foreach (var (address, logical) in bindings)
            {
                if (!IPAddress.IsLoopback(address))
                {
                    throw new ArgumentException($"the test responder only binds loopback addresses, not {address}");
                }

                var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(address, port));
                responder._sockets.Add(udp);
                var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                tcp.Bind(new IPEndPoint(address, ((IPEndPoint)udp.LocalEndPoint!).Port));
                tcp.Listen(16);
                responder._sockets.Add(tcp);
                responder._udpSockets.Add(udp);
                responder._loops.Add(Task.Factory.StartNew(() => responder.UdpLoop(udp, logical), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
                responder._loops.Add(Task.Run(() => responder.TcpLoop(tcp, logical)));
            }
        }
        catch
        {
            responder.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return responder;
    }

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port => ((IPEndPoint)_sockets[0].LocalEndPoint!).Port;

    public IReadOnlyList<LoggedQuery> Log => [.. _log.OrderBy(q => q.Sequence)];

    /// <summary>
    /// Waits until every UDP query that reached the sockets has been logged (none queued in the kernel, none being
    /// handled), at most <paramref name="max"/>. Call after the client exited: its last queries may still be queued.
    /// </summary>
    public async Task WaitUntilDrainedAsync(TimeSpan max)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < max)
        {
            // Kernel queue first, then the handler flag: a loop sets the flag before it takes a datagram off the queue,
            // so "queue empty, then flag clear" means every datagram queued before the check has been logged.
            if (_udpSockets.All(s => s.Available == 0) && Volatile.Read(ref _handling) == 0)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    // A dedicated thread per UDP socket, not the thread pool: when parallel tests starve the pool, an async loop can
    // answer a second late, which the C libraries (timeout:1) see as a lost reply and retransmit.
    private void UdpLoop(Socket socket, string logical)
    {
        var buffer = new byte[4096];
        while (!_cts.IsCancellationRequested)
        {
            try
            {
                if (!socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
                {
                    continue;
                }
            }
            catch (Exception) when (_cts.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _handling);
            try
            {
                var remote = (EndPoint)new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, SocketFlags.None, ref remote);
                }
                catch (Exception) when (_cts.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }

                var (reply, delayMs) = Handle(buffer.AsSpan(0, length).ToArray(), logical, "udp", remote);
                if (reply is not null && delayMs > 0)
                {
                    var to = remote;
                    _inflight.AddOrUpdate(to, 1, (_, n) => n + 1);
                    ScheduleSend(socket, reply, to, delayMs);
                }
                else if (reply is not null)
                {
                    try
                    {
                        socket.SendTo(reply, SocketFlags.None, remote);
                    }
                    catch (Exception) when (_cts.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (SocketException)
                    {
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _handling);
            }
        }
    }

    private async Task TcpLoop(Socket listener, string logical)
    {
        while (!_cts.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_cts.Token);
            }
            catch (Exception) when (_cts.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(async () =>
            {
                using var c = client;
                using var stream = new NetworkStream(c);
                var lengthBytes = new byte[2];
                try
                {
                    while (!_cts.IsCancellationRequested)
                    {
                        await stream.ReadExactlyAsync(lengthBytes, _cts.Token);
                        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthBytes)];
                        await stream.ReadExactlyAsync(message, _cts.Token);
                        var (reply, delayMs) = Handle(message, logical, "tcp", null);
                        if (reply is null)
                        {
                            continue;
                        }

                        if (delayMs > 0)
                        {
                            await Task.Delay(delayMs, _cts.Token);
                        }

                        var framed = new byte[reply.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                        reply.CopyTo(framed, 2);
                        await stream.WriteAsync(framed, _cts.Token);
                    }
                }
                catch (Exception)
                {
                    // Client closed or the responder stopped: nothing to report for a test server.
                }
            });
        }
    }

    /// <summary>A delayed UDP reply, sent by the scheduler thread when its time comes.</summary>
    private sealed record DueReply(Socket Socket, byte[] Reply, EndPoint To);

    private readonly PriorityQueue<DueReply, double> _due = new();
    private readonly object _dueLock = new();
    private Thread? _scheduler;

    // A dedicated thread, not Task.Delay: on a loaded machine thread-pool continuations can run a second late, which a
    // client with timeout:1 would take for a lost reply.
    private void ScheduleSend(Socket socket, byte[] reply, EndPoint to, int delayMs)
    {
        lock (_dueLock)
        {
            _due.Enqueue(new DueReply(socket, reply, to), _clock.Elapsed.TotalMilliseconds + delayMs);
            if (_scheduler is null)
            {
                _scheduler = new Thread(SchedulerLoop) { IsBackground = true, Name = "dns-responder-delays" };
                _scheduler.Start();
            }

            Monitor.PulseAll(_dueLock);
        }
    }

    private void SchedulerLoop()
    {
        while (!_cts.IsCancellationRequested)
        {
            DueReply? next = null;
            lock (_dueLock)
            {
                if (!_due.TryPeek(out _, out var at))
                {
                    Monitor.Wait(_dueLock, 200);
                    continue;
                }

                var wait = at - _clock.Elapsed.TotalMilliseconds;
                if (wait > 0)
                {
                    Monitor.Wait(_dueLock, TimeSpan.FromMilliseconds(Math.Min(wait, 200)));
                    continue;
                }

                next = _due.Dequeue();
            }

            // Out of flight before it leaves: the client answers the reply at once (single-request sends the AAAA), and
            // that query must not find this one still counted.
            _inflight.AddOrUpdate(next.To, 0, (_, n) => n - 1);
            try
            {
                next.Socket.SendTo(next.Reply, SocketFlags.None, next.To);
            }
            catch (Exception)
            {
                // The responder stopped or the client went away before the delayed reply was due.
            }
        }
    }

    private (byte[]? Reply, int DelayMs) Handle(byte[] query, string logical, string transport, EndPoint? client)
    {
        if (query.Length < 17 || !TryReadName(query, 12, out var qname, out var end) || end + 4 > query.Length)
        {
            return (null, 0);
        }

        var qtypeCode = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        var qtype = qtypeCode switch { 1 => "A", 28 => "AAAA", 5 => "CNAME", 33 => "SRV", 12 => "PTR", 16 => "TXT", _ => qtypeCode.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var questionEnd = end + 4;
        _log.Enqueue(new LoggedQuery(Interlocked.Increment(ref _sequence), _clock.Elapsed.TotalSeconds, logical, transport, qname.ToLowerInvariant(), qtype));
        if (client is not null && _inflight.TryGetValue(client, out var waiting) && waiting > 0 && _answers.DropsIfInflight(logical, qname))
        {
            return (null, 0);
        }

        var reply = _answers.Resolve(logical, qname, qtype, transport);
        if (reply.Kind == DnsReplyKind.Drop)
        {
            return (null, 0);
        }

        var limit = transport == "tcp" ? 65535 : UdpLimit(query, questionEnd);
        return (Encode(query, questionEnd, reply, limit), reply.DelayMs);
    }

    private static int UdpLimit(byte[] query, int questionEnd)
    {
        var additional = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(10));
        if (additional > 0 && query.Length >= questionEnd + 11 && query[questionEnd] == 0
            && BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(questionEnd + 1)) == 41)
        {
            return Math.Max(512, (int)BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(questionEnd + 3)));
        }

        return 512;
    }

    /// <summary>Header, the question copied, CNAME records, then address records, owners compressed to the previous name.</summary>
    private static byte[] Encode(byte[] query, int questionEnd, DnsReply reply, int limit)
    {
        var rcode = reply.Kind switch
        {
            DnsReplyKind.NxDomain => 3,
            DnsReplyKind.ServFail => 2,
            DnsReplyKind.Refused => 5,
            DnsReplyKind.NotImp => 4,
            DnsReplyKind.FormErr => 1,
            _ => 0,
        };
        var records = new List<byte[]>();
        var ownerOffset = 12;
        var offset = questionEnd;
        foreach (var target in reply.CnameChain)
        {
            var rdata = EncodeName(target);
            records.Add(Record(ownerOffset, 5, rdata));
            ownerOffset = offset + 12;
            offset += 12 + rdata.Length;
        }

        foreach (var address in reply.Addresses)
        {
            var ip = IPAddress.Parse(address);
            records.Add(Record(ownerOffset, (ushort)(ip.AddressFamily == AddressFamily.InterNetwork ? 1 : 28), ip.GetAddressBytes()));
        }

        var body = new List<byte>(query.AsSpan(0, questionEnd).ToArray());
        var count = 0;
        var truncated = reply.Truncated;
        foreach (var r in records)
        {
            if (body.Count + r.Length > limit)
            {
                truncated = true;
                break;
            }

            body.AddRange(r);
            count++;
        }

        var message = body.ToArray();
        var flags = (ushort)(0x8180 | rcode | (truncated ? 0x0200 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), 0);
        return message;
    }

    private static byte[] Record(int ownerOffset, ushort type, byte[] rdata)
    {
        var r = new byte[12 + rdata.Length];
        BinaryPrimitives.WriteUInt16BigEndian(r, (ushort)(0xC000 | ownerOffset));
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(2), type);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(6), 30);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(10), (ushort)rdata.Length);
        rdata.CopyTo(r, 12);
        return r;
    }

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var l = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)l.Length);
            bytes.AddRange(l);
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private static bool TryReadName(byte[] message, int start, out string name, out int end)
    {
        var labels = new List<string>();
        var i = start;
        name = "";
        end = 0;
        while (i < message.Length)
        {
            var len = message[i];
            if (len == 0)
            {
                name = string.Join('.', labels);
                end = i + 1;
                return true;
            }

            if ((len & 0xC0) != 0 || i + 1 + len > message.Length)
            {
                return false;
            }

            labels.Add(Encoding.ASCII.GetString(message, i + 1, len));
            i += 1 + len;
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        foreach (var s in _sockets)
        {
            s.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Loops end with cancellation or disposed-socket errors; nothing to surface.
        }

        _cts.Dispose();
    }
}
