package extcheck

var NodePackages = nodePackages
var KeyName = keyName
