import torch
import torch.nn as nn
from torchvision.models import resnet50

net = resnet50(num_classes=8)
net.load_state_dict(torch.load("r50.pth", map_location="cpu"))
model = nn.DataParallel(net).cuda()
model.module.eval()

with torch.no_grad():
    out = model(torch.randn(16, 3, 224, 224).cuda())
print(out.argmax(1))
