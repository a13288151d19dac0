import StrataCLI
StrataCLI.main()
