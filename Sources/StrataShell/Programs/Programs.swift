/// The table of program models, by applet name.
enum Programs {
    typealias Function = (Interpreter, ProgramInvocation) throws(ShellControl) -> Int32

    static let all: [any ShellProgram.Type] = [
        EchoProgram.self, PrintfProgram.self, TestProgram.self, CatProgram.self, CopyProgram.self, MoveProgram.self,
        RemoveProgram.self, MakeDirectoryProgram.self, RemoveDirectoryProgram.self, TouchProgram.self, LinkProgram.self,
        ChmodProgram.self, ChownProgram.self, ListProgram.self, HeadProgram.self, TeeProgram.self, TranslateProgram.self,
        CutProgram.self, WordCountProgram.self, SortProgram.self, UniqProgram.self, GrepProgram.self, SedProgram.self,
        Base64Program.self, HashSumProgram.self, TrueProgram.self, FalseProgram.self, BasenameProgram.self,
        DirnameProgram.self, ReadlinkProgram.self, IdProgram.self, SleepProgram.self, SeqProgram.self, YesProgram.self,
        RevProgram.self, EnvProgram.self, WhichProgram.self, MktempProgram.self, SystemInfoProgram.self, DateProgram.self,
        FindProgram.self, XargsProgram.self, HexDumpProgram.self, AwkProgram.self, StatProgram.self, MkfifoProgram.self,
        GzipProgram.self, TarProgram.self, CompareProgram.self, ExprProgram.self, TruncateProgram.self,
        AddGroupProgram.self, AddUserProgram.self, DeleteUserProgram.self, DiskUsageProgram.self,
        GroupAddProgram.self, UserAddProgram.self, UserModProgram.self, DiffProgram.self,
        InstallProgram.self, SplitProgram.self,
    ]

    static let table: [String: any ShellProgram.Type] = {
        var table: [String: any ShellProgram.Type] = [:]
        for program in all { for name in program.names { table[name] = program } }
        return table
    }()

    static func lookup(_ name: String) -> Function? {
        guard let program = table[name] else { return nil }
        return { shell, invocation throws(ShellControl) in try program.run(shell, invocation) }
    }

    /// Every applet name modelled, for seeding `/bin` symlinks.
    static var names: [String] { table.keys.sorted() }
}
