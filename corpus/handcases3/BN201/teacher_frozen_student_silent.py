import torch
import torch.nn.functional as F
from torchvision.models import resnet50, resnet18

teacher = resnet50(weights="IMAGENET1K_V2")
teacher.eval()
for p in teacher.parameters():
    p.requires_grad = False
student = resnet18(num_classes=1000)
opt = torch.optim.SGD(student.parameters(), lr=0.1)


def distill_epoch(loader, T=4.0):
    student.train()
    for x, _ in loader:
        with torch.no_grad():
            t_logits = teacher(x)
        s_logits = student(x)
        loss = F.kl_div(F.log_softmax(s_logits / T, 1), F.softmax(t_logits / T, 1), reduction="batchmean")
        opt.zero_grad()
        loss.backward()
        opt.step()
