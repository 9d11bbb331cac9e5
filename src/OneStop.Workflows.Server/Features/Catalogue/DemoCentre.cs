using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>
/// The demo centre: a city government, its 14 departments and the six sample service items of domain-rules §6,
/// each run by the <c>workflows/</c> file whose definition id is the item code.
/// </summary>
public static class DemoCentre
{
    /// <summary>The parent unit of every demo department.</summary>
    public const string City = "city";

    /// <summary>The city government first, then its departments.</summary>
    public static IReadOnlyList<(string Code, string ChineseName, string EnglishName, string? ParentCode)> Departments { get; } =
    [
        (City, "市人民政府", "City government", null),
        ("market", "市场监督管理局", "Market regulation", City),
        ("police", "公安局", "Public security", City),
        ("tax", "税务局", "Taxation", City),
        ("social", "人力资源和社会保障局", "Human resources and social security", City),
        ("fund", "住房公积金管理中心", "Housing provident fund", City),
        ("fire", "消防救援支队", "Fire and rescue", City),
        ("urban", "城市管理和综合执法局", "Urban management", City),
        ("water", "水务局", "Water authority", City),
        ("housing", "住房和城乡建设局", "Housing and construction", City),
        ("airdefence", "人民防空办公室", "Civil air defence", City),
        ("drc", "发展和改革委员会", "Development and reform", City),
        ("resources", "自然资源局", "Natural resources", City),
        ("ecology", "生态环境局", "Ecology and environment", City),
        ("industry", "工业和信息化局", "Industry and information technology", City),
    ];

    /// <summary>The six sample items, keyed by item code (= their workflow definition id).</summary>
    public static IReadOnlyList<(string Code, ServiceItemData Data)> Items { get; } =
    [
        ("company-establishment", new ServiceItemData(
            "企业设立登记 Company establishment registration",
            ServiceItemType.AdministrativeLicence,
            "market",
            ["police", "tax", "social", "fund"],
            HandlingKind.Promised,
            TimeLimit.WorkingDays(3),
            TimeLimit.WorkingDays(3),
            TimeLimit.WorkingDays(1),
            JointHandling: false,
            [
                new MaterialSpec("Company registration application form 公司登记（备案）申请书", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Articles of association 公司章程", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Shareholders' identity documents 股东主体资格证明", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Appointment of directors, supervisors and manager 董事、监事、经理任职文件", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Proof of domicile 住所使用证明", MaterialForm.Copy, MaterialRequirement.Deferrable),
            ],
            RefusalPolicy.Independent,
            ResultType.Certificate,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic],
            "company-establishment")),
        ("food-business-licence", new ServiceItemData(
            "食品经营许可 Food business licence",
            ServiceItemType.AdministrativeLicence,
            "market",
            [],
            HandlingKind.Promised,
            TimeLimit.WorkingDays(20),
            TimeLimit.WorkingDays(10),
            TimeLimit.WorkingDays(5),
            JointHandling: false,
            [
                new MaterialSpec("Food business licence application form 食品经营许可申请书", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Business licence 营业执照", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Premises floor plan and equipment layout 经营场所平面图和设备布局图", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Food safety management rules 食品安全管理制度", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Legal representative's identity card 法定代表人身份证明", MaterialForm.Copy, MaterialRequirement.Required),
            ],
            RefusalPolicy.AllRequired,
            ResultType.Certificate,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic],
            "food-business-licence")),
        ("restaurant-opening", new ServiceItemData(
            "开办餐饮店\"一件事\" Opening a restaurant",
            ServiceItemType.AdministrativeLicence,
            "market",
            ["fire", "urban", "water"],
            HandlingKind.Promised,
            TimeLimit.WorkingDays(45),
            TimeLimit.WorkingDays(15),
            TimeLimit.WorkingDays(10),
            JointHandling: true,
            [
                new MaterialSpec("Joint application form for opening a restaurant 开办餐饮店联合申请表", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Business licence 营业执照", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Fire safety commitment 消防安全检查告知承诺书", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Drainage connection plan 排水接驳方案", MaterialForm.Original, MaterialRequirement.Deferrable),
                new MaterialSpec("Outdoor signboard design 户外招牌设置方案", MaterialForm.Electronic, MaterialRequirement.Optional),
            ],
            RefusalPolicy.ReturnForCorrection,
            ResultType.Certificate,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic],
            "restaurant-opening")),
        ("construction-permit", new ServiceItemData(
            "建筑工程施工许可 Construction permit",
            ServiceItemType.AdministrativeLicence,
            "housing",
            ["fire", "airdefence"],
            HandlingKind.Promised,
            TimeLimit.CalendarDays(7),
            null,
            TimeLimit.WorkingDays(3),
            JointHandling: false,
            [
                new MaterialSpec("Construction permit application form 建筑工程施工许可证申请表", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Construction project planning permit 建设工程规划许可证", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Construction contract 施工合同", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Fire protection design documents 消防设计文件", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Commitment on available funds 建设资金已落实承诺书", MaterialForm.Original, MaterialRequirement.Deferrable),
            ],
            RefusalPolicy.AllRequired,
            ResultType.Certificate,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic],
            "construction-permit")),
        ("investment-project-approval", new ServiceItemData(
            "企业投资项目核准 Enterprise investment project approval",
            ServiceItemType.AdministrativeLicence,
            "drc",
            ["resources", "ecology", "industry"],
            HandlingKind.Promised,
            TimeLimit.WorkingDays(20),
            TimeLimit.WorkingDays(10),
            TimeLimit.WorkingDays(15),
            JointHandling: false,
            [
                new MaterialSpec("Project application report 项目申请报告", MaterialForm.Original, MaterialRequirement.Required, 2),
                new MaterialSpec("Land use pre-examination and site selection opinion 用地预审与选址意见书", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Enterprise business licence 企业营业执照", MaterialForm.Copy, MaterialRequirement.Required),
                new MaterialSpec("Energy conservation review opinion 节能审查意见", MaterialForm.Copy, MaterialRequirement.Deferrable),
            ],
            RefusalPolicy.AllRequired,
            ResultType.ApprovalDocument,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail],
            "investment-project-approval")),
        ("eia-approval", new ServiceItemData(
            "环评审批（报告书） EIA approval (report form)",
            ServiceItemType.AdministrativeLicence,
            "ecology",
            [],
            HandlingKind.Promised,
            TimeLimit.CalendarDays(30),
            null,
            TimeLimit.CalendarDays(7),
            JointHandling: false,
            [
                new MaterialSpec("EIA approval application 建设项目环境影响评价文件审批申请书", MaterialForm.Original, MaterialRequirement.Required),
                new MaterialSpec("Environmental impact report 环境影响报告书", MaterialForm.Original, MaterialRequirement.Required, 2),
                new MaterialSpec("Public participation statement 公众参与说明", MaterialForm.Original, MaterialRequirement.Required),
            ],
            RefusalPolicy.AllRequired,
            ResultType.ApprovalDocument,
            [DeliveryMethod.Pickup, DeliveryMethod.Mail, DeliveryMethod.Electronic],
            "eia-approval")),
    ];

    /// <summary>
    /// Inserts the departments and items whose code is missing, in one transaction, each with an audit event.
    /// Existing rows are never overwritten, so running it again changes nothing.
    /// </summary>
    /// <returns>How many departments and items were inserted.</returns>
    public static async Task<(int Departments, int Items)> SeedAsync(IDbContextFactory<OneStopDbContext> factory, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var departmentCodes = Departments.Select(d => d.Code).ToList();
        var existingDepartments = await db.Departments.Where(d => departmentCodes.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
        var newDepartments = Departments.Where(d => !existingDepartments.Contains(d.Code)).ToList();
        foreach (var (code, chineseName, englishName, parentCode) in newDepartments)
        {
            db.Departments.Add(new Department(code, chineseName, englishName, parentCode));
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.DepartmentSeeded, null, code,
                JsonSerializer.Serialize(new { chineseName, englishName, parentCode }), null));
        }

        var itemCodes = Items.Select(i => i.Code).ToList();
        var existingItems = await db.ServiceItems.Where(i => itemCodes.Contains(i.Code)).Select(i => i.Code).ToListAsync(ct);
        var newItems = Items.Where(i => !existingItems.Contains(i.Code)).ToList();
        foreach (var (code, data) in newItems)
        {
            db.ServiceItems.Add(new ServiceItem(code, data, now));
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.ServiceItemSeeded, null, code,
                JsonSerializer.Serialize(new { name = data.Name, workflowDefinitionId = data.WorkflowDefinitionId }), null));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (newDepartments.Count, newItems.Count);
    }
}
