using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Testing.Builders;

/// <summary>
/// A case for tests, brought to a state through its own transitions: received on <see cref="ReceivedAt"/> (Monday
/// 2025-11-10 09:00 in the centre, a plain working week), then optionally accepted and sent a correction notice.
/// </summary>
public sealed class CaseBuilder
{
    /// <summary>2025-11-10T09:00 in Asia/Shanghai: a Monday, with no holiday in the weeks after.</summary>
    public static readonly Instant ReceivedAt = Instant.FromUtc(2025, 11, 10, 1, 0);

    private ServiceItem _item = new ServiceItemBuilder().Build();
    private Instant _receivedAt = ReceivedAt;
    private Instant? _acceptedAt;
    private Instant? _noticeAt;
    private string _number = "TEST-20251110-0001";
    private DeliveryMethod _delivery = DeliveryMethod.Pickup;

    public ServiceItem Item => _item;

    public CaseBuilder For(ServiceItem item)
    {
        _item = item;
        return this;
    }

    public CaseBuilder Number(string number)
    {
        _number = number;
        return this;
    }

    /// <summary>How the result is delivered (default pickup).</summary>
    public CaseBuilder Delivery(DeliveryMethod method)
    {
        _delivery = method;
        return this;
    }

    public CaseBuilder Received(Instant at)
    {
        _receivedAt = at;
        return this;
    }

    /// <summary>Accepted by the window at <paramref name="at"/> (default: one hour after receipt).</summary>
    public CaseBuilder Accepted(Instant? at = null)
    {
        _acceptedAt = at ?? _receivedAt + Duration.FromHours(1);
        return this;
    }

    /// <summary>A correction notice was issued at <paramref name="at"/> (after acceptance, if any): the case awaits corrections.</summary>
    public CaseBuilder AwaitingCorrection(Instant? at = null)
    {
        _noticeAt = at ?? (_acceptedAt ?? _receivedAt) + Duration.FromHours(1);
        return this;
    }

    public Case Build()
    {
        var c = new Case(CaseId.New(), _number, "hash", _item, new Applicant("张三 Zhang San", "110101199003074514", "13812345678"), "{}",
            [new SubmittedMaterial("Application form 申请表", true)], _delivery, _delivery == DeliveryMethod.Mail ? "1 Test Road" : null, WorkflowInstanceId.New(), _receivedAt, DateOf(_receivedAt));
        if (_acceptedAt is { } accepted)
        {
            c.Accept(DateOf(accepted), accepted);
        }

        if (_noticeAt is { } notice)
        {
            c.RecordCorrectionNoticeIssued(notice);
        }

        return c;
    }

    /// <summary>The centre's date of <paramref name="at"/>.</summary>
    public static LocalDate DateOf(Instant at) => CentreTimeZone.Default.DateOf(at);
}
