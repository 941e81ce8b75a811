import torch
import torchvision

teacher = torchvision.models.resnet50()
teacher.load_state_dict(torch.load("teacher.pt"))
student = torchvision.models.resnet18(num_classes=1000)
opt = torch.optim.SGD(student.parameters(), lr=0.1)
kl = torch.nn.KLDivLoss(reduction="batchmean")

student.train()
for x, y in train_loader:
    with torch.no_grad():
        t_logits = teacher(x)  # expect: BN201
    s_logits = student(x)
    loss = kl(s_logits.log_softmax(-1), t_logits.softmax(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
